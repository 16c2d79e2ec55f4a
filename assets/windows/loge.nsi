; Loge's Windows installer (NSIS 3). Built on Linux by `make windows`:
;   makensis -DVERSION=0.1.0 -DVERSION4=0.1.0.1 -DDIST=<folder with loge.exe, loge.com, loge.ico>
;            -DOUTFILE=<...>/Loge-0.1.0-setup.exe assets/windows/loge.nsi
;
; What a front-desk PC without IT needs:
;   - a per-user install: no administrator, into %LOCALAPPDATA%\Programs\Loge (as VS Code's user
;     installer does); the Start-menu entry, an optional desktop shortcut, Loge in "Apps & features"
;     (HKCU), and Loge's folder on the user's PATH so that `loge stats` works in a new console;
;   - an upgrade in place: the same folder, found again in the registry; it refuses to go on while Loge
;     is open (a running exe cannot be replaced) instead of leaving a half-copied program;
;   - the desk is never touched: it lives in %APPDATA%\Loge, which neither the installer nor the
;     uninstaller writes; the uninstaller removes its own files by name, never a folder's contents.
; Silent: `Loge-x-setup.exe /S` (and /D=C:\path as the last argument for another folder);
; `uninstall.exe /S`. Exit code 2 when Loge was open and nothing was installed.

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!ifndef VERSION | DIST | OUTFILE
  !error "pass -DVERSION=, -DDIST= and -DOUTFILE= (see the Makefile's windows target)"
!endif
!ifndef VERSION4
  !define VERSION4 "${VERSION}.0"
!endif

!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Loge"
!define APPKEY "Software\Loge"

Name "Loge"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Loge"
InstallDirRegKey HKCU "${APPKEY}" "InstallDir"
BrandingText "Loge ${VERSION}"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=0 "ProductName" "Loge"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "Loge ${VERSION} setup"
VIAddVersionKey /LANG=0 "LegalCopyright" "Loge"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "StrFunc.nsh"
!include "WinMessages.nsh"
${StrStr}
${UnStrRep}

!define MUI_ICON "${DIST}\loge.ico"
!define MUI_UNICON "${DIST}\loge.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\loge.exe"
!define MUI_FINISHPAGE_TEXT "$(FinishText)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the one for a Windows in neither language, as Loge itself falls back to English.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "French"

LangString SecLoge ${LANG_ENGLISH} "Loge"
LangString SecLoge ${LANG_FRENCH} "Loge"
LangString SecDesktop ${LANG_ENGLISH} "Shortcut on the desktop"
LangString SecDesktop ${LANG_FRENCH} "Raccourci sur le bureau"
LangString Running ${LANG_ENGLISH} "Loge is open. Close every Loge window, then choose Retry.$\r$\n$\r$\nYour desk is not changed by the installation."
LangString Running ${LANG_FRENCH} "Loge est ouvert. Fermez toutes les fenêtres de Loge, puis choisissez Réessayer.$\r$\n$\r$\nL’installation ne modifie pas votre bureau."
LangString PathTooLong ${LANG_ENGLISH} "Your PATH is too long to be changed safely: it was left as it is. Type the full path of loge.com in a console."
LangString PathTooLong ${LANG_FRENCH} "Votre PATH est trop long pour être modifié sans risque : il est laissé tel quel. Tapez le chemin complet de loge.com dans une console."
LangString FinishText ${LANG_ENGLISH} "Loge is installed. Your desk stays in %APPDATA%\Loge: updating or removing Loge never touches it."
LangString FinishText ${LANG_FRENCH} "Loge est installé. Votre bureau reste dans %APPDATA%\Loge : mettre à jour ou désinstaller Loge n’y touche jamais."

; waitClosed returns once the program files can be replaced, or aborts (exit code 2) when the person
; cancels, or at once in a silent run.
!macro WAIT_CLOSED un
Function ${un}waitClosed
  ${Do}
    StrCpy $1 "free"
    ${ForEach} $2 1 2 + 1
      ${If} $2 == 1
        StrCpy $3 "$INSTDIR\loge.exe"
      ${Else}
        StrCpy $3 "$INSTDIR\loge.com"
      ${EndIf}
      ${If} ${FileExists} $3
        ClearErrors
        FileOpen $0 $3 a
        ${If} ${Errors}
          StrCpy $1 "busy"
        ${Else}
          FileClose $0
        ${EndIf}
      ${EndIf}
    ${Next}
    ${If} $1 == "free"
      ${Break}
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(Running)" /SD IDCANCEL IDRETRY retry
    SetErrorLevel 2
    Quit
    retry:
  ${Loop}
FunctionEnd
!macroend
!insertmacro WAIT_CLOSED ""
!insertmacro WAIT_CLOSED "un."

; pathValueExists sets $R9 to 1 when the user's Environment key has a Path value (ReadRegStr cannot
; tell a missing value from one longer than NSIS's strings).
!macro PATH_VALUE_EXISTS un
Function ${un}pathValueExists
  StrCpy $R9 0
  StrCpy $R8 0
  ${Do}
    ClearErrors
    EnumRegValue $R7 HKCU "Environment" $R8
    ${If} ${Errors}
    ${OrIf} $R7 == ""
      ${Break}
    ${EndIf}
    ${If} $R7 == "Path"
      StrCpy $R9 1
      ${Break}
    ${EndIf}
    IntOp $R8 $R8 + 1
  ${Loop}
FunctionEnd
!macroend
!insertmacro PATH_VALUE_EXISTS ""
!insertmacro PATH_VALUE_EXISTS "un."

; readPath puts the user's Path in $R0 and sets $R1 to "ok", or to "skip" when it must not be
; rewritten (too long to be read whole).
!macro READ_PATH un
Function ${un}readPath
  StrCpy $R1 "ok"
  ClearErrors
  ReadRegStr $R0 HKCU "Environment" "Path"
  ${If} ${Errors}
    Call ${un}pathValueExists
    ${If} $R9 == 1
      StrCpy $R1 "skip"
    ${EndIf}
    StrCpy $R0 ""
  ${EndIf}
FunctionEnd
!macroend
!insertmacro READ_PATH ""
!insertmacro READ_PATH "un."

Function addToPath
  Call readPath
  ${If} $R1 == "skip"
    DetailPrint "$(PathTooLong)"
    Return
  ${EndIf}
  ${StrStr} $R2 ";$R0;" ";$INSTDIR;"
  ${If} $R2 != ""
    Return ; there already (an upgrade)
  ${EndIf}
  StrLen $R3 $R0
  StrLen $R4 $INSTDIR
  IntOp $R3 $R3 + $R4
  IntOp $R3 $R3 + 2
  ${If} $R3 >= ${NSIS_MAX_STRLEN}
    DetailPrint "$(PathTooLong)"
    Return
  ${EndIf}
  ${If} $R0 == ""
    StrCpy $R0 "$INSTDIR"
  ${Else}
    StrCpy $R5 $R0 1 -1
    ${If} $R5 == ";"
      StrCpy $R0 "$R0$INSTDIR"
    ${Else}
      StrCpy $R0 "$R0;$INSTDIR"
    ${EndIf}
  ${EndIf}
  WriteRegExpandStr HKCU "Environment" "Path" $R0
  WriteRegStr HKCU "${APPKEY}" "OnPath" "1"
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=3000
FunctionEnd

Function un.removeFromPath
  ReadRegStr $R6 HKCU "${APPKEY}" "OnPath"
  ${If} $R6 != "1"
    Return ; the installer did not add it
  ${EndIf}
  Call un.readPath
  ${If} $R1 == "skip"
  ${OrIf} $R0 == ""
    Return
  ${EndIf}
  StrLen $R3 $R0
  IntOp $R3 $R3 + 2
  ${If} $R3 >= ${NSIS_MAX_STRLEN}
    Return ; too long to edit without truncating it
  ${EndIf}
  ${UnStrRep} $R2 ";$R0;" ";$INSTDIR;" ";"
  ; drop the two separators added above
  StrCpy $R2 $R2 "" 1
  StrCpy $R2 $R2 -1
  ${If} $R2 == ""
    DeleteRegValue HKCU "Environment" "Path"
  ${Else}
    WriteRegExpandStr HKCU "Environment" "Path" $R2
  ${EndIf}
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=3000
FunctionEnd

Section "$(SecLoge)" SecLogeID
  SectionIn RO
  Call waitClosed
  SetOutPath "$INSTDIR"
  File "${DIST}\loge.exe"
  File "${DIST}\loge.com"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\Loge.lnk" "$INSTDIR\loge.exe" "" "$INSTDIR\loge.exe" 0

  WriteRegStr HKCU "${APPKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${APPKEY}" "Version" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "Loge"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "Loge"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\loge.exe,0"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" "$0"

  Call addToPath
SectionEnd

Section "$(SecDesktop)" SecDesktopID
  CreateShortcut "$DESKTOP\Loge.lnk" "$INSTDIR\loge.exe" "" "$INSTDIR\loge.exe" 0
SectionEnd

; Records the desktop choice, so that an upgrade keeps it; runs after the sections above.
Section "-remember"
  ${If} ${SectionIsSelected} ${SecDesktopID}
    WriteRegStr HKCU "${APPKEY}" "DesktopShortcut" "1"
  ${Else}
    WriteRegStr HKCU "${APPKEY}" "DesktopShortcut" "0"
    Delete "$DESKTOP\Loge.lnk"
  ${EndIf}
SectionEnd

Function .onInit
  ReadRegStr $0 HKCU "${APPKEY}" "DesktopShortcut"
  ${If} $0 == "0"
    !insertmacro UnselectSection ${SecDesktopID}
  ${EndIf}
FunctionEnd

Section "Uninstall"
  Call un.waitClosed
  Delete "$INSTDIR\loge.exe"
  Delete "$INSTDIR\loge.com"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR" ; only when empty: whatever else is in it stays
  Delete "$SMPROGRAMS\Loge.lnk"
  Delete "$DESKTOP\Loge.lnk"
  Call un.removeFromPath
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "${APPKEY}"
SectionEnd
