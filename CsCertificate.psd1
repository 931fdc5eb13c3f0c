@{
    RootModule             = 'CsCertificate.dll'
    # Loaded before the RootModule: refuses, with a clear error, a Windows PowerShell without .NET Framework 4.7.2.
    NestedModules          = @('CsCertificate.Prerequisites.psm1')
    ModuleVersion          = '0.1.0'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '14a10ff7-dbe5-4474-8dbe-78a175642614'
    Author                 = 'CsCertificate authors'
    CompanyName            = 'CsCertificate authors'
    Copyright              = '(c) CsCertificate authors. MIT License.'
    Description            = 'Request-CsCertificate for any machine: requests the certificates Lync Server and Skype for Business Server roles need, with the Subject and SAN names computed from the topology, as offline requests or from a CA, and renews them when they are due.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('CsCertificate.Format.ps1xml')
    CmdletsToExport        = @('Request-CsCertificate', 'Import-CsCertificate', 'Export-CsCertificate', 'Update-CsCertificate')
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('SkypeForBusiness', 'Lync', 'Certificate', 'PKI', 'CSR', 'ACME', 'ADCS', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            # Placeholder addresses: the project has no public repository yet; confirm them before publishing.
            ProjectUri   = 'https://github.com/CsCertificate/CsCertificate'
            LicenseUri   = 'https://github.com/CsCertificate/CsCertificate/blob/main/LICENSE'
            # Preview until the Windows paths (AD CS over DCOM, the Windows store, Windows PowerShell) have run.
            Prerelease   = 'preview1'
            # A pointer here; build.ps1 writes this version's section of CHANGELOG.md into the copy in out/CsCertificate.
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
