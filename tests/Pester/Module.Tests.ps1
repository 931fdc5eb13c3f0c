# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'The built module' {
    It 'exports Request-CsCertificate and Import-CsCertificate, nothing else' {
        (Get-Module CsCertificate).ExportedCommands.Keys | Sort-Object | Should -Be @('Import-CsCertificate', 'Request-CsCertificate')
    }

    It 'passes Test-ModuleManifest with the version of its assembly' {
        $manifest = Test-ModuleManifest -Path $ModuleManifest
        $file = [System.Diagnostics.FileVersionInfo]::GetVersionInfo((Join-Path (Split-Path $ModuleManifest) 'CsCertificate.dll'))
        $file.FileVersion | Should -Be "$($manifest.Version).0"
    }

    It 'passes Test-ModuleManifest with the tags, addresses, prerelease label and release notes of the gallery' {
        $manifest = Test-ModuleManifest -Path $ModuleManifest
        $root = Import-PowerShellDataFile (Join-Path $RepositoryRoot 'CsCertificate.psd1')
        foreach ($tag in 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS') {
            $manifest.Tags | Should -Contain $tag
        }
        $manifest.ProjectUri | Should -Be ([uri]$root.PrivateData.PSData.ProjectUri)
        $manifest.LicenseUri | Should -Be ([uri]$root.PrivateData.PSData.LicenseUri)
        $manifest.ProjectUri.Scheme | Should -Be 'https'
        $manifest.LicenseUri.Scheme | Should -Be 'https'
        $manifest.PrivateData.PSData.Prerelease | Should -Be $root.PrivateData.PSData['Prerelease']
        $manifest.CompatiblePSEditions | Sort-Object | Should -Be @('Core', 'Desktop')
        $manifest.PowerShellVersion | Should -Be ([version]'5.1')
        $manifest.ExportedFormatFiles | ForEach-Object { Split-Path $_ -Leaf } | Should -Be @('CsCertificate.Format.ps1xml')

        # The release notes are the section of CHANGELOG.md for this version, read here independently of build.ps1.
        $version = $manifest.Version.ToString()
        if ($manifest.PrivateData.PSData.Prerelease) { $version += "-$($manifest.PrivateData.PSData.Prerelease)" }
        $changelog = (Get-Content -Raw -Encoding UTF8 (Join-Path $RepositoryRoot 'CHANGELOG.md')) -replace '\r\n', "`n"
        $changelog | Should -Match "(?m)^## $([regex]::Escape($version)) - \d{4}-\d{2}-\d{2}$" -Because 'every version has its section'
        $section = [regex]::Match($changelog, "(?ms)^## ($([regex]::Escape($version)) - [^\n]*)\n(.*?)(?=^## |\z)")
        $expected = ($section.Groups[1].Value + "`n" + ($section.Groups[2].Value -replace '[ \t]+\n', "`n")).Trim()
        ($manifest.ReleaseNotes -replace '\r\n', "`n") | Should -BeExactly $expected
        $manifest.ReleaseNotes | Should -Match '### New Features'
    }

    It 'keeps the repository manifest explicit: exports without wildcards, the version only there, release notes as a pointer' {
        $root = Import-PowerShellDataFile (Join-Path $RepositoryRoot 'CsCertificate.psd1')
        $root.CmdletsToExport | Sort-Object | Should -Be @('Import-CsCertificate', 'Request-CsCertificate')
        foreach ($key in 'CmdletsToExport', 'FunctionsToExport', 'VariablesToExport', 'AliasesToExport') {
            $root.ContainsKey($key) | Should -BeTrue -Because "$key is explicit"
            @($root[$key]) -join ',' | Should -Not -Match '\*' -Because "$key has no wildcard"
        }
        $root.FormatsToProcess | Should -Be @('CsCertificate.Format.ps1xml')
        $root.PrivateData.PSData.ReleaseNotes | Should -Match 'CHANGELOG\.md' -Because 'build.ps1 fills the notes in the copy in out/ only'
        foreach ($file in 'Directory.Build.props', 'src/CsCertificate/CsCertificate.csproj') {
            Get-Content -Raw (Join-Path $RepositoryRoot $file) | Should -Not -Match '<(Version|VersionPrefix|AssemblyVersion|FileVersion)>' -Because "ModuleVersion lives only in CsCertificate.psd1, not in $file"
        }
    }

    It 'keeps BouncyCastle under Dependencies and out of the manifest' {
        $data = Import-PowerShellDataFile $ModuleManifest
        $data.Keys | Should -Not -Contain 'RequiredAssemblies'
        $data.Keys | Should -Not -Contain 'NestedModules'
        Join-Path (Split-Path $ModuleManifest) 'Dependencies/BouncyCastle.Cryptography.dll' | Should -Exist
        Join-Path (Split-Path $ModuleManifest) 'BouncyCastle.Cryptography.dll' | Should -Not -Exist
    }
}

Describe 'Request-CsCertificate syntax' {
    BeforeAll {
        $command = Get-Command Request-CsCertificate
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters
        function Get-SetParameters([string] $Name) {
            $set = $command.ParameterSets | Where-Object Name -eq $Name
            @($set.Parameters | Where-Object Name -notin $common)
        }
    }

    It 'has the four parameter sets of the original, New by default' {
        $command.ParameterSets.Name | Sort-Object | Should -Be @('Clear', 'List', 'New', 'Retrieve')
        $command.DefaultParameterSet | Should -Be 'New'
        $lines = (Get-Command Request-CsCertificate -Syntax).Trim() -split '\r?\n' | Where-Object { $_.Trim() }
        $lines | Should -HaveCount 4
        foreach ($switch in 'New', 'List', 'Retrieve', 'Clear') {
            $lines | Where-Object { $_ -match "^Request-CsCertificate -$switch " } | Should -HaveCount 1
        }
    }

    It 'makes <Switch> a mandatory switch of its set' -ForEach @(
        @{ Switch = 'New' }, @{ Switch = 'List' }, @{ Switch = 'Retrieve' }, @{ Switch = 'Clear' }
    ) {
        $parameter = Get-SetParameters $Switch | Where-Object Name -eq $Switch
        $parameter.IsMandatory | Should -BeTrue
        $parameter.ParameterType | Should -Be ([System.Management.Automation.SwitchParameter])
    }

    It 'gives the New set every parameter of the original with its type, and the ACME challenge parameters' {
        $expected = [ordered]@{
            New = 'SwitchParameter'; Type = 'CertType[]'; AllSipDomain = 'SwitchParameter'; CA = 'String'; CaAccount = 'String'
            CaPassword = 'String'; City = 'String'; ClientEKU = 'Boolean'; ComputerFqdn = 'Fqdn'; Country = 'String'
            DomainName = 'String'; FriendlyName = 'String'; GlobalCatalog = 'Fqdn'; GlobalSettingsDomainController = 'Fqdn'
            KeyAlg = 'KeyAlgorithmIdentifier'; KeySize = 'Int32'; Organization = 'String'; OU = 'String'; Output = 'String'
            PrivateKeyExportable = 'Boolean'; State = 'String'; Template = 'String'; TopologyPath = 'String[]'
            Force = 'SwitchParameter'; Report = 'String'; WhatIf = 'SwitchParameter'; Confirm = 'SwitchParameter'
            # Not in the original: how an ACME CA's challenges are answered.
            AcmeChallenge = 'AcmeChallengeType'; DnsServer = 'String'; DnsKeyPath = 'String'; DnsScript = 'String'
        }
        $parameters = Get-SetParameters 'New'
        $parameters.Name | Sort-Object | Should -Be ($expected.Keys | Sort-Object)
        foreach ($parameter in $parameters) {
            $parameter.ParameterType.Name | Should -Be $expected[$parameter.Name] -Because $parameter.Name
        }
        ($parameters | Where-Object IsMandatory).Name | Sort-Object | Should -Be @('New', 'Type')
    }

    # Clear also has the module's own -OrphanedKey (key files left without a request), as a switch of the set.
    It 'gives <Set> only -RequestId, -Force, -Report, -WhatIf and -Confirm besides its switch<Own>' -ForEach @(
        @{ Set = 'List'; Own = '' }, @{ Set = 'Retrieve'; Own = '' }, @{ Set = 'Clear'; Own = ' and -OrphanedKey' }
    ) {
        $own = if ($Own) { @('OrphanedKey') } else { @() }
        (Get-SetParameters $Set).Name | Sort-Object | Should -Be (@($Set, 'RequestId', 'Force', 'Report', 'WhatIf', 'Confirm') + $own | Sort-Object)
        (Get-SetParameters $Set | Where-Object IsMandatory).Name | Should -Be $Set
        (Get-SetParameters $Set | Where-Object Name -eq 'RequestId').ParameterType | Should -Be ([int])
    }

    It 'accepts every type of the original plus OAuthTokenIssuer, XmppServer and UserDefined' {
        $names = [enum]::GetNames((Get-SetParameters 'New' | Where-Object Name -eq 'Type').ParameterType.GetElementType())
        $seed = 'AccessEdgeExternal', 'AudioVideoAuthentication', 'DataEdgeExternal', 'Default', 'External', 'Internal',
            'iPhoneAPNService', 'iPadAPNService', 'MPNService', 'PICWebService', 'ProvisionService', 'WebServicesExternal',
            'WebServicesInternal', 'WsFedTokenTransfer', 'OAuthTokenIssuer', 'XmppServer', 'UserDefined'
        $names | Sort-Object | Should -Be ($seed | Sort-Object)
    }

    It 'offers RSA and the three ECDH curves for -KeyAlg, and 1024, 2048, 4096 for -KeySize' {
        $keyAlg = Get-SetParameters 'New' | Where-Object Name -eq 'KeyAlg'
        [enum]::GetNames($keyAlg.ParameterType) | Should -Be @('RSA', 'ECDH_P256', 'ECDH_P384', 'ECDH_P521')
        $keySize = (Get-SetParameters 'New' | Where-Object Name -eq 'KeySize').Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
        $keySize.ValidValues | Should -Be @('1024', '2048', '4096')
    }

    It 'binds RequestId from the pipeline by property name' {
        foreach ($set in 'List', 'Retrieve', 'Clear') {
            (Get-SetParameters $set | Where-Object Name -eq 'RequestId').ValueFromPipelineByPropertyName | Should -BeTrue
        }
    }
}

Describe 'Dependency isolation' {
    It 'loads BouncyCastle from Dependencies into its own load context when a request needs it' {
        $dataHome = New-TestHome
        $output = Join-Path $dataHome 'r.csr'
        Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology -Output $output -KeyAlg ECDH_P256 | Out-Null
        $bc = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'BouncyCastle.Cryptography' }
        $bc | Should -Not -BeNullOrEmpty
        $ours = $bc | Where-Object { $_.Location -like "*$([IO.Path]::DirectorySeparatorChar)Dependencies$([IO.Path]::DirectorySeparatorChar)*" }
        $ours | Should -Not -BeNullOrEmpty
        if ($PSVersionTable.PSEdition -eq 'Core') {
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($ours[0]).Name | Should -Be 'CsCertificate'
        }
    }
}
