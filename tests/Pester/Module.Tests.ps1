# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'The built module' {
    It 'exports Request-CsCertificate, Import-CsCertificate, Export-CsCertificate and Update-CsCertificate, nothing else' {
        (Get-Module CsCertificate).ExportedCommands.Keys | Sort-Object | Should -Be @('Export-CsCertificate', 'Import-CsCertificate', 'Request-CsCertificate', 'Update-CsCertificate')
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
        $root.CmdletsToExport | Sort-Object | Should -Be @('Export-CsCertificate', 'Import-CsCertificate', 'Request-CsCertificate', 'Update-CsCertificate')
        foreach ($key in 'CmdletsToExport', 'FunctionsToExport', 'VariablesToExport', 'AliasesToExport') {
            $root.ContainsKey($key) | Should -BeTrue -Because "$key is explicit"
            @($root[$key]) -join ',' | Should -Not -Match '\*' -Because "$key has no wildcard"
        }
        $root.FormatsToProcess | Should -Be @('CsCertificate.Format.ps1xml')
        $root.PrivateData.PSData.ReleaseNotes | Should -Match 'CHANGELOG\.md' -Because 'build.ps1 fills the notes in the copy in out/ only'
        foreach ($file in 'Directory.Build.props', 'src/CsCertificate/CsCertificate.csproj', 'src/CsCertificate.Core/CsCertificate.Core.csproj') {
            Get-Content -Raw (Join-Path $RepositoryRoot $file) | Should -Not -Match '<(Version|VersionPrefix|AssemblyVersion|FileVersion)>' -Because "ModuleVersion lives only in CsCertificate.psd1, not in $file"
        }
    }

    It 'keeps BouncyCastle and the engine under Dependencies and out of the manifest' {
        $data = Import-PowerShellDataFile $ModuleManifest
        $data.Keys | Should -Not -Contain 'RequiredAssemblies'
        @($data.NestedModules) | Should -Be @('CsCertificate.Prerequisites.psm1') -Because 'the only nested module checks the host and loads the engine before the root module'
        foreach ($assembly in 'BouncyCastle.Cryptography.dll', 'CsCertificate.Core.dll') {
            Join-Path (Split-Path $ModuleManifest) "Dependencies/$assembly" | Should -Exist
            Join-Path (Split-Path $ModuleManifest) $assembly | Should -Not -Exist -Because 'only the module''s resolver may load it'
        }
    }
}

Describe 'Windows PowerShell 5.1 prerequisites' {
    BeforeAll {
        # The nested module on its own, as the manifest loads it before the assembly; in PowerShell 7 it does nothing.
        $script:Prerequisites = Import-Module (Join-Path (Split-Path $ModuleManifest) 'CsCertificate.Prerequisites.psm1') -Force -PassThru
    }

    AfterAll {
        Remove-Module CsCertificate.Prerequisites -Force -ErrorAction SilentlyContinue
    }

    It 'refuses a Windows PowerShell on .NET Framework <Framework> with its own error id and the remedy' -ForEach @(
        @{ Framework = '4.6.2 (Windows Server 2016)'; Release = 394802 }
        @{ Framework = '4.7.1'; Release = 461310 }
    ) {
        $problem = & $Prerequisites { param($r) Get-FrameworkProblem -Edition Desktop -Release $r } $Release

        $problem.FullyQualifiedErrorId | Should -Be 'NetFrameworkTooOld'
        $problem.CategoryInfo.Category | Should -Be 'NotInstalled'
        $problem.Exception.Message | Should -BeLike "*4.7.2 or later*release $Release*"
        $problem.Exception.Message | Should -BeLike '*.NET Framework 4.8*PowerShell 7*'
        Get-Content -Raw (Join-Path $RepositoryRoot 'src/CsCertificate.Core/Common/ErrorIds.cs') | Should -Match 'NetFrameworkTooOld = nameof\(NetFrameworkTooOld\)'
    }

    It 'lets <Case> import the module' -ForEach @(
        @{ Case = 'Windows PowerShell on .NET Framework 4.7.2'; Edition = 'Desktop'; Release = 461808 }
        @{ Case = 'Windows PowerShell on .NET Framework 4.8'; Edition = 'Desktop'; Release = 528040 }
        @{ Case = 'Windows PowerShell whose release cannot be read'; Edition = 'Desktop'; Release = $null }
        @{ Case = 'PowerShell 7'; Edition = 'Core'; Release = $null }
    ) {
        & $Prerequisites { param($e, $r) Get-FrameworkProblem -Edition $e -Release $r } $Edition $Release | Should -BeNullOrEmpty
    }

    It 'runs before the assembly is loaded, as the manifest''s nested module' {
        (Import-PowerShellDataFile $ModuleManifest).NestedModules | Should -Be @('CsCertificate.Prerequisites.psm1')
        if ($PSVersionTable.PSEdition -eq 'Desktop') {
            $release = (Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full' -Name Release).Release
            $release | Should -BeGreaterOrEqual 461808 -Because 'this host imported the module'
        }
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

Describe 'Export-CsCertificate syntax' {
    BeforeAll {
        $command = Get-Command Export-CsCertificate
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters
        function Get-SetParameters([string] $Name) {
            $set = $command.ParameterSets | Where-Object Name -eq $Name
            @($set.Parameters | Where-Object Name -notin $common)
        }
    }

    It 'has the Pfx set by default and the Pem set, with the parameters of the issue' {
        $command.ParameterSets.Name | Sort-Object | Should -Be @('Pem', 'Pfx')
        $command.DefaultParameterSet | Should -Be 'Pfx'
        (Get-SetParameters 'Pfx').Name | Sort-Object | Should -Be (@('RequestId', 'Path', 'Password', 'CryptoAlgorithmOption', 'ChainOption', 'Force', 'Report', 'WhatIf', 'Confirm') | Sort-Object)
        (Get-SetParameters 'Pem').Name | Sort-Object | Should -Be (@('RequestId', 'Path', 'KeyPath', 'Password', 'ChainOption', 'Force', 'Report', 'WhatIf', 'Confirm') | Sort-Object)
        (Get-SetParameters 'Pfx' | Where-Object IsMandatory).Name | Sort-Object | Should -Be @('Password', 'Path', 'RequestId')
        (Get-SetParameters 'Pem' | Where-Object IsMandatory).Name | Sort-Object | Should -Be @('KeyPath', 'Path', 'RequestId')
    }

    It 'takes -RequestId (position 0, by property name) and -Path (position 1), a SecureString password and the enums of Export-PfxCertificate' {
        foreach ($set in 'Pfx', 'Pem') {
            $requestId = Get-SetParameters $set | Where-Object Name -eq 'RequestId'
            $requestId.Position | Should -Be 0
            $requestId.ValueFromPipelineByPropertyName | Should -BeTrue
            (Get-SetParameters $set | Where-Object Name -eq 'Path').Position | Should -Be 1
            (Get-SetParameters $set | Where-Object Name -eq 'Path').ValueFromPipelineByPropertyName | Should -BeFalse -Because 'the requests of -List have a Path of their own'
            (Get-SetParameters $set | Where-Object Name -eq 'Password').ParameterType | Should -Be ([securestring])
        }
        [enum]::GetNames((Get-SetParameters 'Pfx' | Where-Object Name -eq 'CryptoAlgorithmOption').ParameterType) | Should -Be @('TripleDES_SHA1', 'AES256_SHA256')
        [enum]::GetNames((Get-SetParameters 'Pfx' | Where-Object Name -eq 'ChainOption').ParameterType) | Should -Be @('BuildChain', 'EndEntityCertOnly')
        $command.OutputType.Type | Should -Be ([System.IO.FileInfo])
    }
}

Describe 'Update-CsCertificate syntax' {
    BeforeAll {
        $command = Get-Command Update-CsCertificate
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters
        $parameters = @($command.Parameters.Values | Where-Object Name -notin $common)
    }

    It 'has the parameters of issue 13, with their types, and none mandatory' {
        $expected = @{ RequestId = 'Int32[]'; Force = 'SwitchParameter'; AllowNameRemoval = 'SwitchParameter'; TopologyPath = 'String[]'
            Report = 'String'; WhatIf = 'SwitchParameter'; Confirm = 'SwitchParameter' }
        $parameters.Name | Sort-Object | Should -Be ($expected.Keys | Sort-Object)
        foreach ($parameter in $parameters) { $parameter.ParameterType.Name | Should -Be $expected[$parameter.Name] -Because $parameter.Name }
        @($parameters | Where-Object { $_.Attributes.Mandatory -contains $true }) | Should -BeNullOrEmpty
        (Get-Command Update-CsCertificate -Syntax).Trim() | Should -BeLike 'Update-CsCertificate `[`[-RequestId`] <int`[`]>`] *'
    }

    It 'takes -RequestId first by position and from the pipeline by property name, completed with the Issued requests' {
        $requestId = $command.Parameters['RequestId']
        $requestId.Attributes.Position | Should -Contain 0
        $requestId.Attributes.ValueFromPipelineByPropertyName | Should -Contain $true
        ($requestId.Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] }).Type.Name | Should -Be 'IssuedRequestIdCompleter'
        $command.OutputType.Name | Should -Be 'CsCertificate.Model.CertificateReference'
    }
}

Describe 'Dependency isolation' {
    BeforeAll {
        # Another module's BouncyCastle: 2.4.0, restored from the NuGet feed with Pester (tests/Pester/Restore). Like
        # every 2.x release its assembly version is 2.0.0.0, the version of the module's own copy.
        $framework = if ($PSVersionTable.PSEdition -eq 'Core') { 'net6.0' } else { 'net461' }
        $script:OtherBouncyCastle = Join-Path $RepositoryRoot "out/packages/bouncycastle.cryptography/2.4.0/lib/$framework/BouncyCastle.Cryptography.dll"
        $script:OtherBouncyCastleMissing = "BouncyCastle.Cryptography 2.4.0 is not in out/packages (build.ps1 -Task Test restores it with Pester from tests/Pester/Restore)."
        $script:OnlyWindowsPowerShell = 'Windows PowerShell 5.1 only: PowerShell 7 keeps the module''s BouncyCastle in its own load context.'
        $script:OnlyPowerShell7 = 'PowerShell 7 only: Windows PowerShell 5.1 has no load contexts and refuses the import instead.'

        # Runs a session in a fresh PowerShell: the other BouncyCastle loaded before or after the import, then a
        # request, and with -Reimport Remove-Module, Import-Module and a second request. Returns the CSRs written,
        # the error if any, and where each BouncyCastle of the session came from.
        function Invoke-SessionWithOtherBouncyCastle([ValidateSet('OtherFirst', 'ModuleFirst')] [string] $Order, [switch] $Reimport) {
            $name = Write-ChildScript 'bouncycastle' @'
param($ModuleManifest, $Other, $Order, $Reimport, $Folder, $Topology, $ResultPath)
$ErrorActionPreference = 'Stop'
$env:CSCERTIFICATE_HOME = Join-Path $Folder 'data'
$result = @{ Csr = @(); Error = $null; BouncyCastle = @() }
function Request([string] $Name) {
    $path = Join-Path $Folder $Name
    Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath ($Topology -split ',') -Output $path | Out-Null
    $result.Csr += $path
}
try {
    if ($Order -eq 'OtherFirst') { Add-Type -Path $Other }
    Import-Module $ModuleManifest
    # BouncyCastle loads lazily: the other copy comes after the import, before the module's first request.
    if ($Order -eq 'ModuleFirst') { Add-Type -Path $Other }
    Request 'first.csr'
    if ($Reimport -eq 'True') {
        Remove-Module CsCertificate
        Import-Module $ModuleManifest
        Request 'again.csr'
    }
}
catch {
    $result.Error = @{ Id = $_.FullyQualifiedErrorId; Message = $_.Exception.Message; Target = "$($_.TargetObject)" }
}
$result.BouncyCastle = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'BouncyCastle.Cryptography' } | ForEach-Object Location)
$result | ConvertTo-Json -Depth 3 | Set-Content -Path $ResultPath -Encoding UTF8
'@
            $folder = New-Item -ItemType Directory -Path "$name-files" | ForEach-Object FullName
            Invoke-ChildPowerShell -FilePath "$name.ps1" -ArgumentList '-ModuleManifest', $ModuleManifest, '-Other', $OtherBouncyCastle, '-Order', $Order,
                '-Reimport', "$([bool]$Reimport)", '-Folder', $folder, '-Topology', ($LitwareTopology -join ','), '-ResultPath', "$name.json" | Out-Null
            if (-not (Test-Path "$name.json")) { throw "The child PowerShell wrote no result to $name.json." }
            Get-Content -Raw -Path "$name.json" | ConvertFrom-Json
        }
    }

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
            $core = [CsCertificate.Model.CsCertificateRequest].Assembly
            $core.Location | Should -Be (Join-Path (Split-Path $ModuleManifest) 'Dependencies/CsCertificate.Core.dll')
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($core).Name | Should -Be 'CsCertificate' -Because 'the code that uses BouncyCastle shares its context'
        }
    }

    It 'requests with its own BouncyCastle when another copy was loaded <When> (PowerShell 7)' -ForEach @(
        @{ When = 'before the import'; Order = 'OtherFirst' }
        @{ When = 'after the import, before the first request'; Order = 'ModuleFirst' }
    ) {
        if ($PSVersionTable.PSEdition -ne 'Core') { Set-ItResult -Skipped -Because $OnlyPowerShell7; return }
        if (-not (Test-Path $OtherBouncyCastle)) { Set-ItResult -Skipped -Because $OtherBouncyCastleMissing; return }

        $result = Invoke-SessionWithOtherBouncyCastle -Order $Order -Reimport

        $result.Error | Should -BeNullOrEmpty -Because 'the MissingMethodException of Pkcs10CertificationRequest came from binding to the other copy'
        $result.Csr | Should -HaveCount 2 -Because 'Remove-Module and Import-Module again in the same session work too'
        foreach ($csr in $result.Csr) { Get-CsrSubject $csr | Should -Be 'CN=atl-cs-001.litwareinc.com' }
        @($result.BouncyCastle) | Should -Contain (Resolve-Path $OtherBouncyCastle).Path -Because 'the other copy really was in the session'
        @($result.BouncyCastle) | Should -Contain (Join-Path (Split-Path $ModuleManifest) 'Dependencies/BouncyCastle.Cryptography.dll')
    }

    It 'refuses the import in Windows PowerShell when another BouncyCastle came first, naming it and the remedy' {
        if ($PSVersionTable.PSEdition -ne 'Desktop') { Set-ItResult -Skipped -Because $OnlyWindowsPowerShell; return }
        if (-not (Test-Path $OtherBouncyCastle)) { Set-ItResult -Skipped -Because $OtherBouncyCastleMissing; return }

        $result = Invoke-SessionWithOtherBouncyCastle -Order OtherFirst

        $result.Error.Id | Should -BeLike 'BouncyCastleConflict*'
        $result.Error.Message | Should -BeLike "*$((Resolve-Path $OtherBouncyCastle).Path)*"
        $result.Error.Message | Should -BeLike '*fresh Windows PowerShell session*import it before*'
        $result.Csr | Should -BeNullOrEmpty
    }

    It 'keeps its own BouncyCastle in Windows PowerShell when another copy comes after the import' {
        if ($PSVersionTable.PSEdition -ne 'Desktop') { Set-ItResult -Skipped -Because $OnlyWindowsPowerShell; return }
        if (-not (Test-Path $OtherBouncyCastle)) { Set-ItResult -Skipped -Because $OtherBouncyCastleMissing; return }

        $result = Invoke-SessionWithOtherBouncyCastle -Order ModuleFirst -Reimport

        $result.Error | Should -BeNullOrEmpty
        $result.Csr | Should -HaveCount 2
        foreach ($csr in $result.Csr) { Get-CsrSubject $csr | Should -Be 'CN=atl-cs-001.litwareinc.com' }
        @($result.BouncyCastle) | Should -Be @((Join-Path (Split-Path $ModuleManifest) 'Dependencies\BouncyCastle.Cryptography.dll')) -Because 'the module loads its copy at import, and a later load of the same identity gets it'
    }
}
