# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# A smoke test of the AD CS path through the real COM API (certcli.dll, ICertRequest2) on Windows: a CA that does
# not exist must end in one of the CA error ids, with the request kept to retry, never in a crash. It runs in a
# child PowerShell, so that a crash in the COM call fails this test instead of the whole run.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    # Every ICertRequest2 method the client calls, through the module's own declaration of the interface (reached by
    # reflection: it is internal): each answers, or fails with a COM error. They run on the pipeline thread (a
    # script block cannot run on a thread without a runspace); CertRequestComApiSmokeTests runs them on the client's STA thread.
    $script:EveryMethod = {
        $assembly = [CsCertificate.Model.CsCertificateRequest].Assembly  # the engine, CsCertificate.Core.dll
        $apiType = $assembly.GetType('CsCertificate.CaClient.Adcs.CertRequestComApi', $true)
        $codes = $assembly.GetType('CsCertificate.CaClient.Adcs.AdcsStatusCodes', $true)
        $config = 'nonexistent.invalid\NoCA'
        $calls = [ordered]@{
            Submit = @(0x101, 'MAA=', 'CertificateTemplate:WebServer', $config)
            GetLastStatus = @()
            GetRequestId = @()
            GetDispositionMessage = @()
            GetCertificate = @(0x101)
        }
        $results = [System.Collections.Generic.List[object]]::new()
        & {
            $api = [Activator]::CreateInstance($apiType, $true)
            try {
                foreach ($name in $calls.Keys) {
                    try {
                        $value = $apiType.GetMethod($name).Invoke($api, [object[]]$calls[$name])
                        $results.Add([pscustomobject]@{ Method = $name; Value = $value; Error = $null; HResult = $null; Outcome = $null })
                    }
                    catch {
                        $inner = $_.Exception.InnerException
                        $outcome = "$($codes.GetMethod('OutcomeOf').Invoke($null, @($inner.HResult)))"
                        $results.Add([pscustomobject]@{ Method = $name; Value = $null; Error = $inner.GetType().FullName; HResult = $inner.HResult; Outcome = $outcome })
                    }
                }
            }
            finally { $api.Dispose() }
            $retry = [Activator]::CreateInstance($apiType, $true)
            try { $apiType.GetMethod('RetrievePending').Invoke($retry, @(1, $config)) | Out-Null; $results.Add([pscustomobject]@{ Method = 'RetrievePending'; Error = $null }) }
            catch { $results.Add([pscustomobject]@{ Method = 'RetrievePending'; Value = $null; Error = $_.Exception.InnerException.GetType().FullName; HResult = $_.Exception.InnerException.HResult }) }
            finally { $retry.Dispose() }
        }
        $results
    }

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

    It 'calls every ICertRequest2 method the client uses: strings come back as strings, failures as COM errors it maps' {
        if (-not $IsWindows) { Set-ItResult -Skipped -Because 'DCOM and certcli.dll exist on Windows only'; return }

        $result = Invoke-InChild -Script $EveryMethod

        $result.Errors | Should -BeNullOrEmpty
        $calls = @($result.Output)
        $calls.Method | Should -Be @('Submit', 'GetLastStatus', 'GetRequestId', 'GetDispositionMessage', 'GetCertificate', 'RetrievePending')
        foreach ($call in $calls | Where-Object Error) {
            $call.Error | Should -Be 'System.Runtime.InteropServices.COMException' -Because "$($call.Method) fails the way the client maps"
            $call.HResult | Should -BeLessThan 0
        }
        ($calls | Where-Object Method -eq 'Submit').Error | Should -Not -BeNullOrEmpty -Because 'there is no such CA'
        ($calls | Where-Object Method -eq 'Submit').Outcome | Should -Not -Be 'Issued'
        ($calls | Where-Object Method -eq 'RetrievePending').Error | Should -Not -BeNullOrEmpty
        $message = $calls | Where-Object Method -eq 'GetDispositionMessage'
        if (-not $message.Error -and $null -ne $message.Value) { $message.Value | Should -BeOfType [string] }
        $requestId = $calls | Where-Object Method -eq 'GetRequestId'
        if (-not $requestId.Error) { $requestId.Value | Should -BeLessOrEqual 0 }
    }

    It 'is refused at once, before anything is written, off Windows' {
        if ($IsWindows) { Set-ItResult -Skipped -Because 'on Windows the DCOM path runs (the test above)'; return }
        $dataHome = New-TestHome
        { Request-CsCertificate -New -Type WebServicesExternal -CA 'nonexistent.invalid\NoCA' -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology } |
            Should -Throw -ErrorId "CaNotSupportedOnPlatform$FullyQualifiedSuffix"
        Get-WrittenFile $dataHome | Should -BeNullOrEmpty
    }
}
