# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# The seven examples of the original Request-CsCertificate page, as written there, adapted only for paths and the
# topology source (-TopologyPath to a topology that holds the computer).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    # Windows and macOS share their certificate stores with the tests: what these tests install is removed at the end.
    $script:StoreBefore = Get-StoreSnapshot
    . (Join-Path $PSScriptRoot 'Pebble.ps1')
    Import-Module $ModuleManifest -Force
    $dataHome = New-TestHome

    # A topology whose Standard Edition server is this computer: the module names the computer it looked up.
    $lookup = { Request-CsCertificate -New -Type WebServicesExternal -TopologyPath $LitwareTopology -Output (Join-Path $TestDrive 'probe.csr') } |
        Should -Throw -ErrorId "ComputerNotInTopology$FullyQualifiedSuffix" -PassThru
    $script:LocalComputer = [string]$lookup.TargetObject
    $localFqdn = if ($LocalComputer.Contains('.')) { $LocalComputer } else { "$LocalComputer.litwareinc.com" }
    $script:LocalTopology = Join-Path $TestDrive 'local-topology.xml'
    (Get-Content -Raw $LitwareTopology[0]).Replace('atl-cs-001.litwareinc.com', $localFqdn) | Set-Content -Path $LocalTopology -Encoding utf8
    $script:LocalFqdn = $localFqdn
}

AfterAll {
    Remove-InstalledCertificate $StoreBefore
}

Describe 'The examples of the original Request-CsCertificate page' {
    It 'Example 1 names an AD CS, which this platform reaches only on Windows' {
        if ($IsWindows) { Set-ItResult -Skipped -Because 'on Windows the example needs the AD CS atl-ca-001.litwareinc.com\myca'; return }
        $fresh = New-TestHome
        $err = { Request-CsCertificate -New -Type WebServicesExternal -CA "atl-ca-001.litwareinc.com\myca" -TopologyPath $LocalTopology } |
            Should -Throw -ErrorId "CaNotSupportedOnPlatform$FullyQualifiedSuffix" -PassThru
        $err.Exception.Message | Should -Match '-Output'
        $err.Exception.Message | Should -Match 'https://'
        Get-WrittenFile $fresh | Should -BeNullOrEmpty -Because 'the CA is checked before anything is written'
    }

    It 'Example 2 lists the stored requests' {
        New-TestHome | Out-Null
        Request-CsCertificate -List | Should -BeNullOrEmpty -Because 'a new data folder holds no request'
        $first = Request-CsCertificate -New -Type WebServicesExternal -Output (Join-Path $TestDrive 'list-1.csr') -TopologyPath $LocalTopology, $LitwareTopology[1]
        $second = Request-CsCertificate -New -Type Internal -ComputerFqdn atl-edge-001 -DomainName 'atl-edge-001.litwareinc.com, ap.litwareinc.com' `
            -Output (Join-Path $TestDrive 'list-2.csr') -TopologyPath $LitwareTopology

        $list = @(Request-CsCertificate -List)

        $list | Should -HaveCount 2
        $list | ForEach-Object { $_ | Should -BeOfType ([CsCertificate.Model.CsCertificateRequest]) }
        $list.RequestId | Should -Be @($first.RequestId, $second.RequestId)
        $list.Status | Should -Be @('Offline', 'Offline')
        $list[0].CertificateUses | Should -Be 'WebServicesExternal'
        $list[0].Subject | Should -Be "CN=$LocalFqdn"
        $list[0].AlternativeNames | Should -Be $first.AlternativeNames
        $list[0].Path | Should -Be (Join-Path $TestDrive 'list-1.csr')
        $list[1].CertificateUses | Should -Be 'Internal'
        $list[1].ComputerFqdn | Should -Be 'atl-edge-001.litwareinc.com'
        $list[1].Subject | Should -Be 'CN=atl-edge-001.litwareinc.com'
        $list[1].AlternativeNames | Should -Be @('atl-edge-001.litwareinc.com', 'ap.litwareinc.com')
        $list[1].Key | Should -Be 'RSA 2048'
        $list | ForEach-Object { $_.CA | Should -BeNullOrEmpty -Because 'offline requests name no CA' }
    }

    It 'Example 3 writes an offline request for this computer' {
        $certificates = Join-Path $TestDrive 'Certificates'
        New-Item -ItemType Directory -Path $certificates | Out-Null
        $output = Join-Path $certificates 'WebServicesExternal.cer'

        $result = Request-CsCertificate -New -Type WebServicesExternal -Output $output -TopologyPath $LocalTopology, $LitwareTopology[1]

        $result.RequestStatus | Should -Be 'Offline'
        $result.Subject | Should -Be "CN=$LocalFqdn"
        $result.AlternativeNames | Should -Be @('atl-ext.litwareinc.com', 'dialin.litwareinc.com', 'meet.litwareinc.com', 'meet.fabrikam.com', 'Lyncdiscover.litwareinc.com')
        Invoke-OpenSsl req -in $output -noout -verify | Should -Match 'verify OK'
        (Request-CsCertificate -List).RequestId | Should -Contain $result.RequestId
    }

    It 'Example <Number> names an AD CS, which this platform reaches only on Windows' -ForEach @(
        @{ Number = 4; Example = { Request-CsCertificate -New -Type Default,WebServicesInternal,WebServicesExternal -ComputerFqdn "atl-cs-001.litwareinc.com" -CA "atl-ca-001.litwareinc.com\myca" -FriendlyName "Standard Edition Certficate" -Template jcila -PrivateKeyExportable $True -DomainName "atl-cs-001.litwareinc.com,atl-ext.litwareinc.com" -TopologyPath $LitwareTopology } }
        @{ Number = 5; Example = { Request-CsCertificate -New -Type Default,WebServicesInternal,WebServicesExternal -ComputerFqdn "atl-cs-001.litwareinc.com" -CA "atl-ca-001.litwareinc.com\myca" -FriendlyName "Enterprise Edition Pool Certificate" -Template jcila -PrivateKeyExportable $True -DomainName "pool1.litwareinc.com,pool1int.litwareinc.com,pool1ext.litwareinc.com" -TopologyPath $LitwarePool } }
        @{ Number = 6; Example = { Request-CsCertificate -New -Type Internal -ComputerFqdn "atl-edge-001" -CA "atl-ca-001.litwareinc.com\myca" -FriendlyName "Internal Edge Certificate" -Template jcila -PrivateKeyExportable $True -DomainName "atl-edge-001.litwareinc.com, ap.litwareinc.com" -TopologyPath $LitwareTopology } }
        @{ Number = 7; Example = { Request-CsCertificate -New -Type AccessEdgeExternal,DataEdgeExternal,AudioVideoAuthentication -ComputerFqdn "atl-edge-001" -CA "atl-ca-001.litwareinc.com\myca" -FriendlyName "External Edge Certificate" -Template jcila -PrivateKeyExportable $True -DomainName "atl-edge-001.litwareinc.com,ap.litwareinc.com,dp.litwareinc.com,atl-edge-001" -TopologyPath $LitwareTopology } }
    ) {
        if ($IsWindows) { Set-ItResult -Skipped -Because 'on Windows the example needs the AD CS atl-ca-001.litwareinc.com\myca'; return }
        $err = $Example | Should -Throw -ErrorId "CaNotSupportedOnPlatform$FullyQualifiedSuffix" -PassThru
        $err.Exception.Message | Should -Match 'atl-ca-001\.litwareinc\.com\\myca'
        $err.Exception.Message | Should -Match '-Output'
    }

    It 'Example <Number> computes the names of its role as an offline request' -ForEach @(
        @{ Number = 4; Type = 'Default', 'WebServicesInternal', 'WebServicesExternal'; Computer = 'atl-cs-001.litwareinc.com'; Topology = 'se'
            DomainName = 'atl-cs-001.litwareinc.com,atl-ext.litwareinc.com'; Subject = 'atl-cs-001.litwareinc.com'
            San = 'atl-cs-001.litwareinc.com', 'atl-ext.litwareinc.com', 'dialin.litwareinc.com', 'meet.litwareinc.com', 'meet.fabrikam.com', 'admin.litwareinc.com', 'LyncdiscoverInternal.litwareinc.com', 'Lyncdiscover.litwareinc.com' }
        @{ Number = 5; Type = 'Default', 'WebServicesInternal', 'WebServicesExternal'; Computer = 'atl-cs-001.litwareinc.com'; Topology = 'pool'
            DomainName = 'pool1.litwareinc.com,pool1int.litwareinc.com,pool1ext.litwareinc.com'; Subject = 'pool1.litwareinc.com'
            San = 'pool1.litwareinc.com', 'pool1int.litwareinc.com', 'pool1ext.litwareinc.com', 'atl-cs-001.litwareinc.com', 'dialin.litwareinc.com', 'meet.litwareinc.com', 'admin.litwareinc.com', 'LyncdiscoverInternal.litwareinc.com', 'Lyncdiscover.litwareinc.com' }
        @{ Number = 6; Type = 'Internal'; Computer = 'atl-edge-001'; Topology = 'se'
            DomainName = 'atl-edge-001.litwareinc.com, ap.litwareinc.com'; Subject = 'atl-edge-001.litwareinc.com'
            San = 'atl-edge-001.litwareinc.com', 'ap.litwareinc.com' }
        @{ Number = 7; Type = 'AccessEdgeExternal', 'DataEdgeExternal', 'AudioVideoAuthentication'; Computer = 'atl-edge-001'; Topology = 'se'
            DomainName = 'atl-edge-001.litwareinc.com,ap.litwareinc.com,dp.litwareinc.com,atl-edge-001'; Subject = 'ap.litwareinc.com'
            San = 'atl-edge-001.litwareinc.com', 'ap.litwareinc.com', 'dp.litwareinc.com', 'atl-edge-001', 'sip.litwareinc.com' }
    ) {
        $topologyPath = if ($Topology -eq 'se') { $LitwareTopology } else { $LitwarePool }
        $output = Join-Path $TestDrive "example$Number.csr"
        $result = Request-CsCertificate -New -Type $Type -ComputerFqdn $Computer -Output $output -FriendlyName "Example $Number" -Template jcila `
            -PrivateKeyExportable $True -DomainName $DomainName -TopologyPath $topologyPath -WarningVariable warnings
        $result.Subject | Should -Be "CN=$Subject"
        $result.AlternativeNames | Should -Be $San
        $text = Invoke-OpenSsl req -in $output -noout -verify -text
        $text | Should -Match ('DNS:' + (($San | ForEach-Object { [regex]::Escape($_) }) -join ', DNS:'))
        if ($Number -eq 7) {
            $warnings -join "`n" | Should -Match 'av\.litwareinc\.com' -Because 'the A/V Edge FQDN is not added and the decision says to warn'
        }
    }
}

Describe 'The examples of the original page against an ACME CA' {
    BeforeAll {
        if ($PebbleMissing) { return }
        $script:Pebble = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble-examples')
        $script:ExampleEnvironment = @{ CSCERTIFICATE_HOME = (New-TestHome); HOME = (New-ChildHome); CSCERTIFICATE_TEST_CA = $Pebble.Directory
            CSCERTIFICATE_TEST_LOCAL = ($LocalTopology, $LitwareTopology[1]) -join [IO.Path]::PathSeparator
            CSCERTIFICATE_TEST_SE = ($LitwareTopology -join [IO.Path]::PathSeparator); CSCERTIFICATE_TEST_POOL = $LitwarePool }
        foreach ($key in $Pebble.Environment.Keys) { $ExampleEnvironment[$key] = $Pebble.Environment[$key] }
    }

    AfterAll {
        if ($script:Pebble) { Stop-TestPebble $script:Pebble }
    }

    # As written, with -CA the pebble directory and -TopologyPath a topology that holds the computer.
    It 'Example <Number> is issued' -ForEach @(
        @{ Number = 1; Subject = 'LOCAL'; Example = { Request-CsCertificate -New -Type WebServicesExternal -CA $env:CSCERTIFICATE_TEST_CA -TopologyPath ($env:CSCERTIFICATE_TEST_LOCAL -split [IO.Path]::PathSeparator) } }
        @{ Number = 4; Subject = 'atl-cs-001.litwareinc.com'; Example = { Request-CsCertificate -New -Type Default,WebServicesInternal,WebServicesExternal -ComputerFqdn "atl-cs-001.litwareinc.com" -CA $env:CSCERTIFICATE_TEST_CA -FriendlyName "Standard Edition Certficate" -Template jcila -PrivateKeyExportable $True -DomainName "atl-cs-001.litwareinc.com,atl-ext.litwareinc.com" -TopologyPath ($env:CSCERTIFICATE_TEST_SE -split [IO.Path]::PathSeparator) } }
        @{ Number = 5; Subject = 'pool1.litwareinc.com'; Example = { Request-CsCertificate -New -Type Default,WebServicesInternal,WebServicesExternal -ComputerFqdn "atl-cs-001.litwareinc.com" -CA $env:CSCERTIFICATE_TEST_CA -FriendlyName "Enterprise Edition Pool Certificate" -Template jcila -PrivateKeyExportable $True -DomainName "pool1.litwareinc.com,pool1int.litwareinc.com,pool1ext.litwareinc.com" -TopologyPath $env:CSCERTIFICATE_TEST_POOL } }
        @{ Number = 6; Subject = 'atl-edge-001.litwareinc.com'; Example = { Request-CsCertificate -New -Type Internal -ComputerFqdn "atl-edge-001" -CA $env:CSCERTIFICATE_TEST_CA -FriendlyName "Internal Edge Certificate" -Template jcila -PrivateKeyExportable $True -DomainName "atl-edge-001.litwareinc.com, ap.litwareinc.com" -TopologyPath ($env:CSCERTIFICATE_TEST_SE -split [IO.Path]::PathSeparator) } }
        @{ Number = 7; Subject = 'ap.litwareinc.com'; Example = { Request-CsCertificate -New -Type AccessEdgeExternal,DataEdgeExternal,AudioVideoAuthentication -ComputerFqdn "atl-edge-001" -CA $env:CSCERTIFICATE_TEST_CA -FriendlyName "External Edge Certificate" -Template jcila -PrivateKeyExportable $True -DomainName "atl-edge-001.litwareinc.com,ap.litwareinc.com,dp.litwareinc.com,atl-edge-001" -TopologyPath ($env:CSCERTIFICATE_TEST_SE -split [IO.Path]::PathSeparator) } }
    ) {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $result = Invoke-InChild -Environment $ExampleEnvironment -Script $Example
        $result.Errors | Should -BeNullOrEmpty
        $result.Output[0].RequestStatus | Should -Be 'Issued'
        $expected = if ($Subject -eq 'LOCAL') { $LocalFqdn } else { $Subject }
        $result.Output[0].Subject | Should -Be "CN=$expected"
        Get-ChildStoreCertificate $ExampleEnvironment.HOME | Should -Contain $result.Output[0].Thumbprint
    }

    It 'Example 2 lists them, issued' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $result = Invoke-InChild -Environment $ExampleEnvironment -Script { Request-CsCertificate -List }
        @($result.Output) | Should -HaveCount 5
        $result.Output.Status | Sort-Object -Unique | Should -Be 'Issued'
    }
}
