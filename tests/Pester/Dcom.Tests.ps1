# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# A smoke test of the AD CS path through the real COM API (certcli.dll, ICertRequest2) on Windows: a CA that does
# not exist must end in one of the CA error ids, with the request kept to retry, never in a crash. It runs in a
# child PowerShell, so that a crash in the COM call fails this test instead of the whole run.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    $script:NoCa = {
        Request-CsCertificate -New -Type WebServicesExternal -CA 'nonexistent.invalid\NoCA' -ComputerFqdn atl-cs-001.litwareinc.com
        Request-CsCertificate -List
    }
}

Describe 'Request-CsCertificate -CA host\CAName over DCOM' {
    It 'ends in a CA error id for a CA that does not exist, and keeps the request to retry' {
        if (-not $IsWindows) { Set-ItResult -Skipped -Because 'DCOM and certcli.dll exist on Windows only'; return }
        $dataHome = New-TestHome
        $environment = @{ CSCERTIFICATE_HOME = $dataHome; CSCERTIFICATE_TOPOLOGY = $LitwareTopology -join [IO.Path]::PathSeparator }

        $result = Invoke-InChild -Environment $environment -Script $NoCa

        $result.Errors | Should -Not -BeNullOrEmpty -Because 'there is no such CA'
        $result.Errors[0].Id | Should -Match "^(CaUnreachable|CaMisconfigured|CaFailed|CaDenied)$([regex]::Escape($FullyQualifiedSuffix))$"
        $result.Errors[0].Message | Should -Not -BeNullOrEmpty
        $stored = @($result.Output | Where-Object { $_.PSObject.Properties['Status'] })
        $stored | Should -HaveCount 1 -Because 'the request is stored before the CA is called'
    }

    It 'is refused at once, before anything is written, off Windows' {
        if ($IsWindows) { Set-ItResult -Skipped -Because 'on Windows the DCOM path runs (the test above)'; return }
        $dataHome = New-TestHome
        { Request-CsCertificate -New -Type WebServicesExternal -CA 'nonexistent.invalid\NoCA' -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology } |
            Should -Throw -ErrorId "CaNotSupportedOnPlatform$FullyQualifiedSuffix"
        Get-WrittenFile $dataHome | Should -BeNullOrEmpty
    }
}
