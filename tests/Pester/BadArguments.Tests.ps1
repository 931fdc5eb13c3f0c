# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# Invalid invocations, each with its exact FullyQualifiedErrorId, and the promise that none of them writes
# anything: not to the store, not to -Output, not to -Report.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    $script:Odd = Join-Path $TestDrive 'odd [dir] ë'
    New-Item -ItemType Directory -Path $Odd | Out-Null
    $script:Malformed = Join-Path $Odd 'malformed topology.xml'
    Set-Content -LiteralPath $Malformed -Value '<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008"><InternalDomains>'
    $script:Dtd = Join-Path $Odd 'dtd.xml'
    Set-Content -LiteralPath $Dtd -Value "<!DOCTYPE Topology [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>`n<Topology>&x;</Topology>"
    $script:Odd64 = Join-Path $TestDrive 'odd64.xml'
    $pool = ('p' * (65 - '.litwareinc.com'.Length)) + '.litwareinc.com'
    (Get-Content -Raw $LitwareTopology[0]).Replace('Fqdn="atl-cs-001.litwareinc.com">', "Fqdn=`"$pool`">") | Set-Content -Path $Odd64
    $script:Wildcard = Join-Path $TestDrive 'wildcard-edge.xml'
    (Get-Content -Raw $LitwareTopology[0]).Replace('ConfiguredFqdn="ap.litwareinc.com"', 'ConfiguredFqdn="*.litwareinc.com"') | Set-Content -Path $Wildcard
    $script:Junk = Join-Path $Odd 'junk.cer'
    [IO.File]::WriteAllBytes($Junk, [byte[]](1..200 | ForEach-Object { $_ % 256 }))
    $script:Csr = Join-Path $Odd 'request.csr'
    Invoke-OpenSsl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout (Join-Path $TestDrive 'r.key') -out $Csr -subj '/CN=x.litwareinc.com' | Out-Null
    $script:Huge = ((1..600) | ForEach-Object { "name$_.litwareinc.com" }) -join ','
    $script:Unwritable = if ($IsWindows) { $null } else { '/proc' }
}

Describe 'Invalid invocations' {
    BeforeEach {
        $dataHome = New-TestHome
        $output = Join-Path $TestDrive "out-$([guid]::NewGuid().ToString('N')).csr"
        $report = Join-Path $TestDrive "report-$([guid]::NewGuid().ToString('N')).html"
    }

    It '<Case>: <ErrorId>' -ForEach @(
        # Names
        @{ Case = 'an underscore in -ComputerFqdn'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ ComputerFqdn = 'atl_cs_001.litwareinc.com' } }
        @{ Case = 'an IDN -ComputerFqdn'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ ComputerFqdn = 'atl-cs-ö01.litwareinc.com' } }
        @{ Case = 'a leading hyphen in -ComputerFqdn'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ ComputerFqdn = '-atl.litwareinc.com' } }
        @{ Case = 'an empty label in -ComputerFqdn'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ ComputerFqdn = 'atl..litwareinc.com' } }
        @{ Case = 'a wildcard -ComputerFqdn'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ ComputerFqdn = '*.litwareinc.com' } }
        @{ Case = 'a 64-character label in -ComputerFqdn'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ ComputerFqdn = ('a' * 64) + '.litwareinc.com' } }
        @{ Case = 'a space in -GlobalCatalog'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ GlobalCatalog = 'dc 01.litwareinc.com' } }
        @{ Case = 'an underscore in -GlobalSettingsDomainController'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ GlobalSettingsDomainController = 'dc_01' } }
        @{ Case = 'an unknown computer'; ErrorId = 'ComputerNotInTopology'; New = @{ ComputerFqdn = 'nobody.litwareinc.com' } }
        @{ Case = 'an IDN in -DomainName'; ErrorId = 'InternationalizedName'; New = @{ DomainName = 'bücher.litwareinc.com' } }
        @{ Case = 'a wildcard inside a label'; ErrorId = 'InvalidDomainName'; New = @{ DomainName = 'meet*.litwareinc.com' } }
        @{ Case = 'a wildcard over a top-level domain'; ErrorId = 'InvalidDomainName'; New = @{ DomainName = '*.com' } }
        @{ Case = 'a space in -DomainName'; ErrorId = 'InvalidDomainName'; New = @{ DomainName = 'meet litwareinc.com' } }
        @{ Case = 'a URL in -DomainName'; ErrorId = 'InvalidDomainName'; New = @{ DomainName = 'https://meet.litwareinc.com' } }
        @{ Case = 'a 254-character name'; ErrorId = 'InvalidDomainName'; New = @{ DomainName = ((1..4 | ForEach-Object { 'a' * 62 }) -join '.') + '.com' } }
        @{ Case = 'a huge -DomainName list'; ErrorId = 'InvalidDomainName'; New = @{ DomainName = '{HUGE}' } }
        @{ Case = 'a 65-character Subject CN'; ErrorId = 'InvalidSubjectName'; New = @{ TopologyPath = '{ODD64}' } }
        @{ Case = 'a wildcard Subject CN'; ErrorId = 'InvalidSubjectName'; New = @{ TopologyPath = '{WILDCARD}'; ComputerFqdn = 'atl-edge-001'; Type = 'AccessEdgeExternal' } }
        # Types and keys
        @{ Case = 'an unknown -Type'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ Type = 'NotAType' } }
        @{ Case = 'PICWebService'; ErrorId = 'CertTypeNotSupported'; New = @{ Type = 'PICWebService' } }
        @{ Case = 'ProvisionService'; ErrorId = 'CertTypeNotSupported'; New = @{ Type = 'ProvisionService' } }
        @{ Case = 'a type the role does not need'; ErrorId = 'CertTypeNotApplicable'; New = @{ Type = 'Internal' } }
        @{ Case = 'types with different Subject names'; ErrorId = 'SubjectNameMismatch'; New = @{ Type = 'Default', 'OAuthTokenIssuer' } }
        @{ Case = '-KeySize with ECDH_P256'; ErrorId = 'KeySizeNotApplicable'; New = @{ KeyAlg = 'ECDH_P256'; KeySize = 2048 } }
        @{ Case = '-KeySize with ECDH_P521'; ErrorId = 'KeySizeNotApplicable'; New = @{ KeyAlg = 'ECDH_P521'; KeySize = 4096 } }
        @{ Case = '-KeySize 3072'; ErrorId = 'ParameterArgumentValidationError'; New = @{ KeySize = 3072 } }
        @{ Case = 'an unknown -KeyAlg'; ErrorId = 'CannotConvertArgumentNoMessage'; New = @{ KeyAlg = 'DSA' } }
        # Subject attributes
        @{ Case = 'a three-letter -Country'; ErrorId = 'InvalidCountry'; New = @{ Country = 'USA' } }
        @{ Case = 'an unassigned -Country'; ErrorId = 'InvalidCountry'; New = @{ Country = 'XX' } }
        @{ Case = 'a 65-character -Organization'; ErrorId = 'InvalidSubjectAttribute'; New = @{ Organization = 'O' * 65 } }
        @{ Case = 'a control character in -OU'; ErrorId = 'InvalidSubjectAttribute'; New = @{ OU = "IT`u{0007}" } }
        # Certification authorities
        @{ Case = 'a -CA in neither form'; ErrorId = 'InvalidCaName'; New = @{ CA = 'atl-ca-001.litwareinc.com'; Output = $null } }
        @{ Case = 'an http:// ACME directory'; ErrorId = 'InvalidCaName'; New = @{ CA = 'http://acme.litwareinc.com/directory'; Output = $null } }
        @{ Case = 'an ftp:// -CA'; ErrorId = 'InvalidCaName'; New = @{ CA = 'ftp://acme.litwareinc.com/directory'; Output = $null } }
        @{ Case = 'a config string without a host'; ErrorId = 'InvalidCaName'; New = @{ CA = '\myca'; Output = $null } }
        @{ Case = 'AD CS off Windows'; ErrorId = 'CaNotSupportedOnPlatform'; New = @{ CA = 'atl-ca-001.litwareinc.com\myca'; Output = $null }; NotOnWindows = $true }
        @{ Case = '-CaAccount without -CaPassword'; ErrorId = 'InvalidCaAccount'; New = @{ CA = 'https://acme.litwareinc.com/directory'; CaAccount = 'kid-1'; Output = $null } }
        @{ Case = 'neither -CA nor -Output'; ErrorId = 'CaNotSpecified'; New = @{ Output = $null } }
        @{ Case = 'a bad $env:CSCERTIFICATE_ACME_WAIT'; ErrorId = 'InvalidSetting'; New = @{ CA = 'https://acme.litwareinc.com/directory'; Output = $null }; Variable = @{ CSCERTIFICATE_ACME_WAIT = 'soon' } }
        # Files and paths
        @{ Case = '-Output in a folder that does not exist'; ErrorId = 'OutputDirectoryNotFound'; New = @{ Output = '{ODD}/missing [x]/r.csr' } }
        @{ Case = '-Output that is a folder'; ErrorId = 'OutputNotWritable'; New = @{ Output = '{ODD}' } }
        @{ Case = '-Output where nothing can be written'; ErrorId = 'OutputNotWritable'; New = @{ Output = '{UNWRITABLE}/r.csr' }; NotOnWindows = $true }
        @{ Case = '-Report in a folder that does not exist'; ErrorId = 'ReportNotWritable'; New = @{ Report = '{ODD}/missing/report.html' } }
        @{ Case = '-Report that is a folder'; ErrorId = 'ReportNotWritable'; New = @{ Report = '{ODD}' } }
        @{ Case = '-Report where nothing can be written'; ErrorId = 'ReportNotWritable'; New = @{ Report = '{UNWRITABLE}/report.html' }; NotOnWindows = $true }
        @{ Case = 'a -TopologyPath that does not exist'; ErrorId = 'TopologyFileNotFound'; New = @{ TopologyPath = '{ODD}/nö such*file?.xml' } }
        @{ Case = 'a malformed topology'; ErrorId = 'TopologyInvalid'; New = @{ TopologyPath = '{MALFORMED}' } }
        @{ Case = 'a topology with a DTD'; ErrorId = 'TopologyInvalid'; New = @{ TopologyPath = '{DTD}' } }
        # Requests
        @{ Case = '-List of an unknown -RequestId'; ErrorId = 'RequestNotFound'; Other = @{ List = $true; RequestId = 9999 } }
        @{ Case = '-Retrieve of an unknown -RequestId'; ErrorId = 'RequestNotFound'; Other = @{ Retrieve = $true; RequestId = 9999 } }
        @{ Case = '-Clear of an unknown -RequestId'; ErrorId = 'RequestNotFound'; Other = @{ Clear = $true; RequestId = 9999; Confirm = $false } }
        @{ Case = '-Clear of a negative -RequestId'; ErrorId = 'RequestNotFound'; Other = @{ Clear = $true; RequestId = -1; Confirm = $false } }
        # Import
        @{ Case = 'Import of a file that does not exist'; ErrorId = 'CertificateFileNotFound'; Import = '{ODD}/none.cer' }
        @{ Case = 'Import of a request'; ErrorId = 'CertificateResponseInvalid'; Import = '{CSR}' }
        @{ Case = 'Import of random bytes'; ErrorId = 'CertificateResponseInvalid'; Import = '{JUNK}' }
        # The data folder
        @{ Case = 'a data folder another user owns'; ErrorId = 'StoreNotOwned'; New = @{}; DataFolder = 'OtherOwner' }
        @{ Case = 'a keys folder that links out of the data folder'; ErrorId = 'StoreFolderUnsafe'; New = @{}; DataFolder = 'KeysLink' }
        @{ Case = 'a store that gave out request id 2147483647'; ErrorId = 'StoreIdsExhausted'; New = @{}; DataFolder = 'Full' }
        @{ Case = '-Clear -OrphanedKey with -RequestId'; ErrorId = 'OrphanedKeyWithRequestId'; Other = @{ Clear = $true; OrphanedKey = $true; RequestId = 1; Confirm = $false } }
    ) {
        if ($NotOnWindows -and $IsWindows) { Set-ItResult -Skipped -Because 'Windows has no path that refuses every write for an administrator, or DCOM is there'; return }
        if ($DataFolder -eq 'OtherOwner' -and ($IsWindows -or (id -u) -ne '0')) { Set-ItResult -Skipped -Because 'Another user''s data folder needs root to make (chown); on Windows DataFolder.Tests.ps1 makes one with icacls'; return }

        # What the data folder holds before the call; the call must add nothing to it.
        switch ($DataFolder) {
            'OtherOwner' { chown 54321 $dataHome }
            'KeysLink' {
                $elsewhere = Join-Path $TestDrive "elsewhere-$([guid]::NewGuid().ToString('N'))"
                New-Item -ItemType Directory -Path $elsewhere | Out-Null
                New-Item -ItemType $(if ($IsWindows) { 'Junction' } else { 'SymbolicLink' }) -Path (Join-Path $dataHome 'keys') -Target $elsewhere | Out-Null
            }
            'Full' { Set-Content -Path (Join-Path $dataHome 'store.json') -Value '{"schemaVersion":1,"lastRequestId":2147483647}' }
        }
        $before = Get-WrittenFile $dataHome

        function Resolve-Token($value) {
            if ($value -isnot [string]) { return $value }
            $value.Replace('{ODD64}', $Odd64).Replace('{WILDCARD}', $Wildcard).Replace('{MALFORMED}', $Malformed).Replace('{DTD}', $Dtd).Replace('{UNWRITABLE}', "$Unwritable").Replace('{HUGE}', $Huge).Replace('{CSR}', $Csr).Replace('{JUNK}', $Junk).Replace('{ODD}', $Odd)
        }

        $saved = @{}
        if ($Variable) {
            foreach ($key in $Variable.Keys) { $saved[$key] = [Environment]::GetEnvironmentVariable($key); [Environment]::SetEnvironmentVariable($key, $Variable[$key]) }
        }
        try {
            if ($Import) {
                $command = 'Import-CsCertificate'
                $parameters = @{ Path = (Resolve-Token $Import); Report = $report }
            }
            elseif ($Other) {
                $command = 'Request-CsCertificate'
                $parameters = @{ Report = $report }
                foreach ($key in $Other.Keys) { $parameters[$key] = $Other[$key] }
            }
            else {
                $command = 'Request-CsCertificate'
                $parameters = @{ New = $true; Type = 'Default'; ComputerFqdn = 'atl-cs-001.litwareinc.com'; TopologyPath = $LitwareTopology; Output = $output }
                foreach ($key in $New.Keys) {
                    $value = Resolve-Token $New[$key]
                    if ($null -eq $value) { $parameters.Remove($key) } else { $parameters[$key] = $value }
                }
            }

            $thrown = $null
            $written = $null
            try { & $command @parameters -ErrorAction Stop -ErrorVariable written } catch { $thrown = $_ }
        }
        finally {
            foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
        }

        $errorRecord = if ($thrown) { $thrown } else { $written | Select-Object -First 1 }
        $errorRecord | Should -Not -BeNullOrEmpty
        $suffix = if ($command -eq 'Import-CsCertificate') { ',CsCertificate.Commands.ImportCsCertificateCommand' } else { $FullyQualifiedSuffix }
        $errorRecord.FullyQualifiedErrorId | Should -Be "$ErrorId$suffix"
        Get-WrittenFile $dataHome | Should -Be $before -Because 'a bad call writes nothing to the store'
        $output | Should -Not -Exist
        $report | Should -Not -Exist
        [IO.Path]::ChangeExtension($report, '.xml') | Should -Not -Exist
    }
}
