@{
    RootModule             = 'CsCertificate.dll'
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '14a10ff7-dbe5-4474-8dbe-78a175642614'
    Author                 = 'CsCertificate authors'
    CompanyName            = 'CsCertificate authors'
    Copyright              = '(c) CsCertificate authors. MIT License.'
    Description            = 'Request-CsCertificate for any machine: requests the certificates Lync Server and Skype for Business Server roles need, with the Subject and SAN names computed from the topology, as offline requests or from a CA.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('CsCertificate.Format.ps1xml')
    CmdletsToExport        = @('Request-CsCertificate', 'Import-CsCertificate')
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('SkypeForBusiness', 'Lync', 'Certificate', 'PKI', 'CSR', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
