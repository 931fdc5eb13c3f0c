# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# Requests for servers of the three real topology documents of the shared fixtures, read back with openssl: the Subject and
# SAN must be exactly what the naming decisions give.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
}

Describe 'Requests from the real topology documents' {
    BeforeEach {
        $dataHome = New-TestHome
    }

    It '<Fixture>: <Computer> for <Type>' -ForEach @(
        @{ Fixture = 'se-edge-utf16-johanveldhuis.xml'; Computer = 'S4BLab92-FE1.contoso.com'; Type = 'Default', 'WebServicesInternal', 'WebServicesExternal'
            Subject = 'S4BLab92-FE1.contoso.com'; San = 'S4BLab92-FE1.contoso.com', 'LyncdiscoverInternal.contoso.com', 'rp1.contoso.com', 'Lyncdiscover.contoso.com' }
        @{ Fixture = 'se-edge-utf16-johanveldhuis.xml'; Computer = 'S4BLab92-ES1'; Type = 'AccessEdgeExternal', 'DataEdgeExternal', 'AudioVideoAuthentication'
            Subject = 'sip.contoso.com'; San = @('sip.contoso.com') }
        @{ Fixture = 'se-edge-utf16-johanveldhuis.xml'; Computer = 'S4BLab92-ES1.contoso.com'; Type = 'Internal'; Subject = 'S4BLab92-ES1.contoso.com'; San = @() }
        @{ Fixture = 'ee-edge-pools-automatedlab.tbxml'; Computer = 'xfrontend3.contoso.com'; Type = 'Default', 'WebServicesInternal', 'WebServicesExternal'
            Subject = 'frontendpool.contoso.com'; San = 'frontendpool.contoso.com', 'xfrontend3.contoso.com', 'dialin.contoso.com', 'meet.contoso.com', 'LyncdiscoverInternal.contoso.com', 'Lyncdiscover.contoso.com' }
        @{ Fixture = 'ee-edge-pools-automatedlab.tbxml'; Computer = 'xedge2.contoso.com'; Type = 'External'; Subject = 'ExternalEdge.contoso.com'; San = 'ExternalEdge.contoso.com', 'sip.contoso.com' }
        @{ Fixture = 'ee-pool-rlevchenko.xml'; Computer = 'SKYPE-FE-01.tenant.rlevchenko.com'; Type = 'OAuthTokenIssuer'; Subject = 'tenant.rlevchenko.com'; San = @('tenant.rlevchenko.com') }
    ) {
        if (-not $SharedFixtures) {
            Set-ItResult -Skipped -Because $SharedFixturesMissing
            return
        }

        $output = Join-Path $TestDrive "$([guid]::NewGuid().ToString('N')).csr"
        Request-CsCertificate -New -Type $Type -ComputerFqdn $Computer -TopologyPath (Join-Path $SharedFixtures $Fixture) -Output $output -KeyAlg ECDH_P256 -WarningAction SilentlyContinue | Out-Null

        Get-CsrSubject $output | Should -Be "CN=$Subject"
        Get-CsrAlternativeName $output | Should -Be $San
    }
}
