# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# The help generator of the build (not part of CsCertificate): platyPS-style markdown to MAML and about_ topics.
@{
    RootModule           = 'HelpBuilder.psm1'
    ModuleVersion        = '1.0.0'
    GUID                 = '4e2de1e9-1e24-48be-9100-ffa7215ecdfd'
    Author               = 'CsCertificate authors'
    Description          = 'Generates MAML help and about_ topics from platyPS-style markdown, for the CsCertificate build.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    FunctionsToExport    = @('ConvertTo-MamlHelp', 'ConvertTo-AboutHelp', 'Export-ModuleHelp')
    CmdletsToExport      = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
}
