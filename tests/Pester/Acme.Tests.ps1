# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# Online enrollment against a real ACME server: pebble on 127.0.0.1, started by the tests (Pebble.ps1, which also
# makes the platform trust pebble's TLS certificate: the module never turns validation off). Each request runs in a
# child PowerShell whose HOME holds, on Linux, its own certificate store.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'Pebble.ps1')

    function Get-AcmeEnvironment([object] $Pebble, [hashtable] $Extra = @{}) {
        $environment = @{ CSCERTIFICATE_HOME = (New-TestHome); HOME = (New-ChildHome); CSCERTIFICATE_TEST_CA = $Pebble.Directory
            CSCERTIFICATE_TEST_TOPOLOGY = ($LitwareTopology -join [IO.Path]::PathSeparator) }
        foreach ($source in $Pebble.Environment, $Extra) { foreach ($key in $source.Keys) { $environment[$key] = $source[$key] } }
        return $environment
    }

    # The request of most tests: the Standard Edition server's three uses, from the example topology.
    $script:NewRequest = {
        Request-CsCertificate -New -Type Default, WebServicesInternal, WebServicesExternal -ComputerFqdn atl-cs-001.litwareinc.com `
            -CA $env:CSCERTIFICATE_TEST_CA -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) -FriendlyName 'ACME test'
    }
}

Describe 'Request-CsCertificate -New -CA with an ACME directory' {
    BeforeAll {
        if ($PebbleMissing) { return }
        $script:Pebble = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble')
    }

    AfterAll {
        if ($script:Pebble) { Stop-TestPebble $script:Pebble }
    }

    It 'issues, installs the certificate with its key and returns its reference' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $environment = Get-AcmeEnvironment $Pebble

        $result = Invoke-InChild -Environment $environment -Script $NewRequest

        $result.Errors | Should -BeNullOrEmpty
        $reference = $result.Output | Select-Object -First 1
        $reference.RequestStatus | Should -Be 'Issued'
        $reference.Thumbprint | Should -Match '^[0-9A-F]{40}$'
        $reference.Issuer | Should -Match 'Pebble Intermediate CA'
        $reference.SerialNumber | Should -Not -BeNullOrEmpty
        $reference.NotAfter | Should -BeGreaterThan $reference.NotBefore
        $reference.Subject | Should -Be 'CN=atl-cs-001.litwareinc.com'
        $reference.AlternativeNames | Should -Contain 'lyncdiscoverinternal.litwareinc.com'
        Get-ChildStoreCertificate $environment.HOME | Should -Contain $reference.Thumbprint
        if ($IsWindows) {
            $reference.Path | Should -Be "Cert:\LocalMachine\My\$($reference.Thumbprint)"
            $result.Warnings -join "`n" | Should -Not -Match 'PrivateKeyExportable' -Because 'Windows keeps the key non-exportable'
        }
        else {
            $reference.Path | Should -Be "Cert:\CurrentUser\My\$($reference.Thumbprint)"
            $result.Warnings -join "`n" | Should -Match 'PrivateKeyExportable' -Because 'Linux and macOS cannot keep a key non-exportable, and say so'
        }

        $record = Get-Content -Raw (Join-Path $environment.CSCERTIFICATE_HOME ('requests/{0:D6}.json' -f $reference.RequestId)) | ConvertFrom-Json
        $record.status | Should -Be 'Issued'
        $record.thumbprint | Should -Be $reference.Thumbprint
        $record.caRequestId | Should -Match '^https://127\.0\.0\.1:\d+/my-order/'
        Join-Path $environment.CSCERTIFICATE_HOME ('keys/{0:D6}.key' -f $reference.RequestId) | Should -Not -Exist -Because 'the key is in the certificate store now'
        @(Get-ChildItem (Join-Path $environment.CSCERTIFICATE_HOME 'acme') -Recurse -Filter account.key) | Should -HaveCount 1
    }

    It 'keeps a request Pending when the order is not done in time, and -Retrieve completes it' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $environment = Get-AcmeEnvironment $Pebble @{ CSCERTIFICATE_ACME_WAIT = '0' }

        $first = Invoke-InChild -Environment $environment -Script $NewRequest
        $first.Output[0].RequestStatus | Should -Be 'Pending'
        $first.Errors | Should -BeNullOrEmpty
        (Join-Path $environment.CSCERTIFICATE_HOME ('keys/{0:D6}.key' -f $first.Output[0].RequestId)) | Should -Exist

        $environment.CSCERTIFICATE_ACME_WAIT = '60'
        $second = Invoke-InChild -Environment $environment -Script { Request-CsCertificate -List | Where-Object Status -eq Pending | Request-CsCertificate -Retrieve }
        $second.Errors | Should -BeNullOrEmpty
        $second.Output[0].RequestStatus | Should -Be 'Issued'
        $second.Output[0].RequestId | Should -Be $first.Output[0].RequestId
        Get-ChildStoreCertificate $environment.HOME | Should -Contain $second.Output[0].Thumbprint
    }

    It 'retries nonces the server rejects' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $noisy = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble-nonce') -NonceReject 30
        try {
            $result = Invoke-InChild -Environment (Get-AcmeEnvironment $noisy) -Script $NewRequest
            $result.Errors | Should -BeNullOrEmpty
            $result.Output[0].RequestStatus | Should -Be 'Issued'
            $result.Verbose -join "`n" | Should -Match 'rejected the nonce' -Because 'pebble did reject some'
        }
        finally {
            Stop-TestPebble $noisy
        }
    }

    It 'keeps the request when the server stops, and -Retrieve completes it when the server is back' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $outage = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble-outage')
        $environment = Get-AcmeEnvironment $outage @{ CSCERTIFICATE_ACME_WAIT = '0' }
        try {
            $first = Invoke-InChild -Environment $environment -Script $NewRequest
            $first.Output[0].RequestStatus | Should -Be 'Pending'

            Stop-TestPebble $outage
            $down = Invoke-InChild -Environment $environment -Script { Request-CsCertificate -Retrieve }
            $down.Errors[0].Id | Should -Be "CaUnreachable$FullyQualifiedSuffix"
            $down.Errors[0].Message | Should -Match '-Retrieve -RequestId'
            $kept = Invoke-InChild -Environment $environment -Script { Request-CsCertificate -List }
            $kept.Output[0].Status | Should -Be 'Pending'

            # A restarted pebble has forgotten the account and the order; the stored request is ordered again.
            $outage = Start-TestPebble -Folder $outage.Folder -Reuse $outage
            $environment.CSCERTIFICATE_ACME_WAIT = '60'
            $back = Invoke-InChild -Environment $environment -Script { Request-CsCertificate -Retrieve }
            $back.Errors | Should -BeNullOrEmpty
            $back.Output[0].RequestStatus | Should -Be 'Issued'
        }
        finally {
            Stop-TestPebble $outage
        }
    }

    It 'keeps a request made while the server is down as Submitting, and sends it once it is up' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $late = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble-late')
        Stop-TestPebble $late
        $environment = Get-AcmeEnvironment $late
        try {
            $down = Invoke-InChild -Environment $environment -Script $NewRequest
            $down.Errors[0].Id | Should -Be "CaUnreachable$FullyQualifiedSuffix"
            $kept = Invoke-InChild -Environment $environment -Script { Request-CsCertificate -List }
            $kept.Output[0].Status | Should -Be 'Submitting'
            (Join-Path $environment.CSCERTIFICATE_HOME ('keys/{0:D6}.key' -f $kept.Output[0].RequestId)) | Should -Exist

            $late = Start-TestPebble -Folder $late.Folder -Reuse $late
            $up = Invoke-InChild -Environment $environment -Script { Request-CsCertificate -Retrieve }
            $up.Errors | Should -BeNullOrEmpty
            $up.Output[0].RequestStatus | Should -Be 'Issued'
        }
        finally {
            Stop-TestPebble $late
        }
    }
}

Describe 'ACME with real http-01 validation' {
    BeforeAll {
        if ($PebbleMissing) { return }
        $script:Validating = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble-real') -RealValidation
    }

    AfterAll {
        if ($script:Validating) { Stop-TestPebble $script:Validating }
    }

    It 'answers the challenges with its own responder and is issued' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $result = Invoke-InChild -Environment (Get-AcmeEnvironment $Validating) -Script $NewRequest
        $result.Errors | Should -BeNullOrEmpty
        $result.Output[0].RequestStatus | Should -Be 'Issued'
        $result.Verbose -join "`n" | Should -Match 'Answering http-01 challenges on 127\.0\.0\.1 port'
    }

    It 'is denied with the reason the server gives when validation fails, and keeps the request' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        # The responder listens where pebble does not look, so every challenge fails.
        $environment = Get-AcmeEnvironment $Validating @{ CSCERTIFICATE_HTTP01_PORT = "$(Get-FreePort)" }

        $result = Invoke-InChild -Environment $environment -Script $NewRequest

        $result.Errors[0].Id | Should -Be "CaDenied$FullyQualifiedSuffix"
        $result.Errors[0].Message | Should -Match 'refused the order'
        $result.Errors[0].Message | Should -Match 'connection'
        $list = Invoke-InChild -Environment $environment -Script { Request-CsCertificate -List }
        $list.Output[0].Status | Should -Be 'Denied'
        $list.Output[0].Message | Should -Match 'refused the order'
        $retrieve = Invoke-InChild -Environment $environment -Script { Request-CsCertificate -Retrieve -RequestId 1 }
        $retrieve.Errors[0].Id | Should -Be "CaDenied$FullyQualifiedSuffix"
    }
}

Describe 'ACME with External Account Binding' {
    BeforeAll {
        if ($PebbleMissing) { return }
        $script:HmacKey = 'zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W'
        $script:Bound = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble-eab') -EabKeys @{ 'kid-1' = $HmacKey }
    }

    AfterAll {
        if ($script:Bound) { Stop-TestPebble $script:Bound }
    }

    It 'says that the server needs -CaAccount and -CaPassword' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $result = Invoke-InChild -Environment (Get-AcmeEnvironment $Bound) -Script $NewRequest
        $result.Errors[0].Id | Should -Be "CaMisconfigured$FullyQualifiedSuffix"
        $result.Errors[0].Message | Should -Match '-CaAccount'
    }

    It 'binds the account with the key id and HMAC key, and never writes the key' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $environment = Get-AcmeEnvironment $Bound @{ CSCERTIFICATE_TEST_EAB_KEY = $HmacKey }
        $result = Invoke-InChild -Environment $environment -Script {
            Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -CA $env:CSCERTIFICATE_TEST_CA `
                -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) -CaAccount 'kid-1' -CaPassword $env:CSCERTIFICATE_TEST_EAB_KEY -Verbose
        }
        $result.Errors | Should -BeNullOrEmpty
        $result.Output[0].RequestStatus | Should -Be 'Issued'
        ($result.Verbose + $result.Warnings) -join "`n" | Should -Not -Match ([regex]::Escape($HmacKey))
        foreach ($file in Get-WrittenFile $environment.CSCERTIFICATE_HOME) {
            Get-Content -Raw $file | Should -Not -Match ([regex]::Escape($HmacKey)) -Because $file
        }
    }
}
