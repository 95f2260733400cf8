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
; Uninstall: "C:\Program Files\Kalma\uninstall.exe" /S   (add /PURGE to delete kalma.ini too)
; Exit code 0 on success; 2 when cancelled or not allowed.

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

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\Kalma"
InstallDirRegKey HKLM "${REG_APP}" "InstallDir"
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
!define MUI_FINISHPAGE_RUN "$INSTDIR\kalma-gui.exe"
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
FunctionEnd

Function un.onInit
  SetShellVarContext all
  SetRegView 64
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
    CopyFiles /SILENT "$R1" "${CONFIG_FILE}"
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
