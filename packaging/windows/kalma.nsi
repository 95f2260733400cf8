; Kalma installer for Windows (NSIS 3): per-machine install, Start-menu entry, uninstaller,
; silent mode for mass deployment. Built by .github/workflows/windows.yml:
;
;   makensis /DVERSION=0.1.0 /DBUNDLE_DIR=<repo>\dist\kalma /DOUTFILE=<repo>\dist\kalma-0.1.0-setup.exe
;            /DICON=<repo>\build\icons\kalma.ico packaging\windows\kalma.nsi
;
; Install (an administrator, or SYSTEM from a deployment tool):
;   kalma-0.1.0-setup.exe /S                             silent, C:\Program Files\Kalma
;   kalma-0.1.0-setup.exe /S /KB=\\server\share\kalma-kb  ...and lock every seat to a shared KB
;   options: /KB=<folder>  -> [locked] kb_dir in %ProgramData%\Kalma\kalma.ini
;            /UILANG=en|fil -> [defaults] ui_language (agents may change it)
;            /TRAINER=0|1  -> [locked] trainer_enabled
;            /CONFIG=<file> -> copy a prepared kalma.ini (then the options above are applied on top)
;            /D=<folder>   -> install folder (NSIS rule: last on the line, no quotes)
;            /ALLOWDOWNGRADE -> install over a newer version (refused otherwise, exit code 6)
; Uninstall: "C:\Program Files\Kalma\uninstall.exe" /S _?=C:\Program Files\Kalma  (then delete
;            uninstall.exe and the folder; the MSI is the fully synchronous choice)
;            (_?= makes it finish before returning; add /PURGE to delete kalma.ini too)
; Needs 64-bit Windows 10 version 1809 (build 17763) or later, or Windows 11 (Qt 6.11's
; minimum; Qt6Core uses the system's icu.dll).
; Exit codes: 0 success; 2 cancelled or not allowed; 5 Kalma is still running (it was asked
; to quit and did not within 20 s); 6 a newer Kalma is installed; 7 /CONFIG could not be
; copied; 8 Windows too old.

Unicode true
ManifestDPIAware true

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef BUNDLE_DIR
  !define BUNDLE_DIR "..\..\dist\kalma"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\kalma-${VERSION}-setup.exe"
!endif
!ifdef CHECK_ONLY
  SetCompress off          ; `make nsis-check`: compile quickly, throw the result away
!else
  SetCompressor /SOLID lzma
!endif

!define APP "Kalma"
!define PUBLISHER "Kalma"
!define REG_APP "Software\Kalma"
!define REG_UNINSTALL "Software\Microsoft\Windows\CurrentVersion\Uninstall\Kalma"
!define CONFIG_DIR "$APPDATA\Kalma"    ; with SetShellVarContext all: C:\ProgramData\Kalma
!define CONFIG_FILE "$APPDATA\Kalma\kalma.ini"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"
!include "WinVer.nsh"
!include "WordFunc.nsh"

!define RUNNING_MUTEX "Global\KalmaRunning"  ; created by desktop/ui/app.py while it runs

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\Kalma"
; No InstallDirRegKey: NSIS reads it in the 32-bit view; .onInit reads the 64-bit one.
RequestExecutionLevel admin
BrandingText "${APP} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP} installer"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "${PUBLISHER}"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_FUNCTION RunAsUser
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Function .onInit
  SetShellVarContext all
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "Kalma needs 64-bit Windows." /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}
  SetRegView 64
  ReadRegStr $0 HKLM "SOFTWARE\Microsoft\Windows NT\CurrentVersion" "CurrentBuildNumber"
  ${If} $0 < 17763
  ${OrIfNot} ${AtLeastWin10}
    MessageBox MB_ICONSTOP "Kalma needs Windows 10 version 1809 or later." /SD IDOK
    SetErrorLevel 8
    Abort
  ${EndIf}
  ReadRegStr $0 HKLM "${REG_APP}" "InstallDir"
  ${If} $0 != ""
  ${AndIf} $INSTDIR == "$PROGRAMFILES64\Kalma"
    StrCpy $INSTDIR $0
  ${EndIf}
  Call RefuseDowngrade
  Call AskRunningKalmaToQuit
FunctionEnd

Function un.onInit
  SetShellVarContext all
  SetRegView 64
  Call un.AskRunningKalmaToQuit
FunctionEnd

Function RefuseDowngrade
  ReadRegStr $0 HKLM "${REG_UNINSTALL}" "DisplayVersion"
  ${If} $0 == ""
    Return
  ${EndIf}
  ${VersionCompare} "$0" "${VERSION}" $1
  ${If} $1 == 1
    ${GetParameters} $R0
    ClearErrors
    ${GetOptions} $R0 "/ALLOWDOWNGRADE" $R1
    ${If} ${Errors}
      MessageBox MB_ICONSTOP "Kalma $0 is installed, newer than ${VERSION}." /SD IDOK
      SetErrorLevel 6
      Abort
    ${EndIf}
  ${EndIf}
FunctionEnd

; A running Kalma holds its DLLs: overwriting them half-installs. Ask it to quit (a normal
; close, so settings are saved), wait up to 20 s, else stop with exit code 5.
!macro ASK_RUNNING_KALMA_TO_QUIT UN
Function ${UN}AskRunningKalmaToQuit
  System::Call 'kernel32::OpenMutexW(i 0x00100000, i 0, w "${RUNNING_MUTEX}") p .r0'
  ${If} $0 == 0
    Return
  ${EndIf}
  System::Call 'kernel32::CloseHandle(p r0)'
  MessageBox MB_OKCANCEL|MB_ICONINFORMATION "Kalma is running. Click OK to close it and continue." /SD IDOK IDOK close
  SetErrorLevel 2
  Quit
  close:
  nsExec::Exec 'taskkill /IM kalma-gui.exe'
  Pop $1
  StrCpy $2 0
  ${Do}
    Sleep 500
    System::Call 'kernel32::OpenMutexW(i 0x00100000, i 0, w "${RUNNING_MUTEX}") p .r0'
    ${If} $0 == 0
      Return
    ${EndIf}
    System::Call 'kernel32::CloseHandle(p r0)'
    IntOp $2 $2 + 1
  ${LoopUntil} $2 >= 40
  MessageBox MB_ICONSTOP "Kalma is still running; close it and run the installer again." /SD IDOK
  SetErrorLevel 5
  Quit
FunctionEnd
!macroend
!insertmacro ASK_RUNNING_KALMA_TO_QUIT ""
!insertmacro ASK_RUNNING_KALMA_TO_QUIT "un."

; The installer runs elevated: start Kalma through Explorer, as the signed-in user.
Function RunAsUser
  Exec '"$WINDIR\explorer.exe" "$INSTDIR\kalma-gui.exe"'
FunctionEnd

Section "Kalma" SecMain
  SectionIn RO
  ; An upgrade replaces the whole bundle: old libraries must not linger next to new ones.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE_DIR}\*.*"
  File "/oname=kalma.ini.example" "..\kalma.ini.example"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\Kalma.lnk" "$INSTDIR\kalma-gui.exe" "" "$INSTDIR\kalma-gui.exe" 0

  WriteRegStr HKLM "${REG_APP}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${REG_UNINSTALL}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${REG_UNINSTALL}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${REG_UNINSTALL}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${REG_UNINSTALL}" "DisplayIcon" "$INSTDIR\kalma-gui.exe"
  WriteRegStr HKLM "${REG_UNINSTALL}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${REG_UNINSTALL}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${REG_UNINSTALL}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${REG_UNINSTALL}" "NoModify" 1
  WriteRegDWORD HKLM "${REG_UNINSTALL}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${REG_UNINSTALL}" "EstimatedSize" "$0"

  Call WriteSystemConfig
SectionEnd

; %ProgramData%\Kalma\kalma.ini from the command line. The file always exists afterwards,
; created by the administrator, so agents (who may create files in ProgramData) cannot
; plant their own.
Function WriteSystemConfig
  ${GetParameters} $R0
  CreateDirectory "${CONFIG_DIR}"
  ClearErrors
  ${GetOptions} $R0 "/CONFIG=" $R1
  ${IfNot} ${Errors}
    ; A failed copy must fail the install, never leave an empty kalma.ini behind.
    ClearErrors
    CopyFiles /SILENT "$R1" "${CONFIG_FILE}.new"
    ${GetSize} "${CONFIG_DIR}" "/M=kalma.ini.new /S=0B /G=0" $R3 $R4 $R5
    ${If} ${Errors}
    ${OrIf} $R3 == 0
      Delete "${CONFIG_FILE}.new"
      MessageBox MB_ICONSTOP "Cannot copy the configuration file $R1." /SD IDOK
      SetErrorLevel 7
      Abort
    ${EndIf}
    Delete "${CONFIG_FILE}"
    Rename "${CONFIG_FILE}.new" "${CONFIG_FILE}"
  ${EndIf}
  ${IfNot} ${FileExists} "${CONFIG_FILE}"
    ; UTF-16 with BOM: WriteINIStr (WritePrivateProfileString) then keeps it Unicode, and
    ; Kalma reads UTF-16 with BOM as well as UTF-8.
    FileOpen $R2 "${CONFIG_FILE}" w
    FileWriteUTF16LE /BOM $R2 "; Kalma system settings; see $INSTDIR\kalma.ini.example$\r$\n"
    FileWriteUTF16LE $R2 "[defaults]$\r$\n[locked]$\r$\n"
    FileClose $R2
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/KB=" $R1
  ${IfNot} ${Errors}
    WriteINIStr "${CONFIG_FILE}" "locked" "kb_dir" "$R1"
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/UILANG=" $R1
  ${IfNot} ${Errors}
    WriteINIStr "${CONFIG_FILE}" "defaults" "ui_language" "$R1"
  ${EndIf}
  ClearErrors
  ${GetOptions} $R0 "/TRAINER=" $R1
  ${IfNot} ${Errors}
    WriteINIStr "${CONFIG_FILE}" "locked" "trainer_enabled" "$R1"
  ${EndIf}
FunctionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\Kalma.lnk"
  ; Only what the installer put there: never RMDir /r on a folder the user may have chosen.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\kalma.exe"
  Delete "$INSTDIR\kalma-gui.exe"
  Delete "$INSTDIR\kalma.ini.example"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${REG_UNINSTALL}"
  DeleteRegKey HKLM "${REG_APP}"
  ; IT's kalma.ini survives an uninstall/reinstall unless /PURGE is given.
  ${un.GetParameters} $R0
  ClearErrors
  ${un.GetOptions} $R0 "/PURGE" $R1
  ${IfNot} ${Errors}
    Delete "${CONFIG_FILE}"
    RMDir "${CONFIG_DIR}"
  ${EndIf}
SectionEnd
