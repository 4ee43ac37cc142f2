; Inno Setup script for the Windows installer. Build the one-folder bundle first (pyinstaller build.spec), then:
;   iscc /DAppVersion=0.1.0 packaging\windows\chinwag.iss
; Output: dist\Chinwag-<version>-setup.exe (Start-menu entry, optional desktop icon, uninstaller).
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{7C7E1F52-4D0B-4B7A-9B4E-CA1A7F0B6C21}
AppName=Chinwag
AppVersion={#AppVersion}
AppPublisher=Chinwag developers
DefaultDirName={autopf}\Chinwag
DefaultGroupName=Chinwag
DisableProgramGroupPage=yes
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=Chinwag-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\chinwag.ico
UninstallDisplayIcon={app}\chinwag.exe
; The licence page: the installer contains GPL-3.0 parts (Piper, espeak-ng), so Chinwag as installed is distributed
; under the GNU GPL version 3 (COPYING.txt, written by build.spec with the GPL's text). Every part's licence is in
; THIRD-PARTY-NOTICES.txt, installed with the app and shown in About > Licences.
LicenseFile=..\..\dist\chinwag\_internal\COPYING.txt
AppCopyright=Chinwag developers. Installer licensed under the GNU GPL version 3, Chinwag's source under Apache-2.0.
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\chinwag\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Chinwag"; Filename: "{app}\chinwag.exe"
Name: "{group}\Uninstall Chinwag"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Chinwag"; Filename: "{app}\chinwag.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\chinwag.exe"; Description: "{cm:LaunchProgram,Chinwag}"; Flags: nowait postinstall skipifsilent

; Conversations, settings and downloaded models live in the user's AppData and are kept on uninstall.
