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
