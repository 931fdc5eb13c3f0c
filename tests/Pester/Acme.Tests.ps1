# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# Online enrollment against a real ACME server: pebble on 127.0.0.1, started by the tests (Pebble.ps1, which also
# makes the platform trust pebble's TLS certificate: the module never turns validation off). Each request runs in a
# child PowerShell whose HOME holds, on Linux, its own certificate store.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    # Windows and macOS share their certificate stores with the tests: what these tests install is removed at the end.
    $script:StoreBefore = Get-StoreSnapshot
    . (Join-Path $PSScriptRoot 'Pebble.ps1')

    # The request of most tests: the Standard Edition server's three uses, from the example topology.
    $script:NewRequest = {
        Request-CsCertificate -New -Type Default, WebServicesInternal, WebServicesExternal -ComputerFqdn atl-cs-001.litwareinc.com `
            -CA $env:CSCERTIFICATE_TEST_CA -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) -FriendlyName 'ACME test'
    }
}

AfterAll {
    Remove-InstalledCertificate $StoreBefore
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
            $reference.Path | Should -Be "CurrentUser\My\$($reference.Thumbprint)"
            $result.Warnings -join "`n" | Should -Match 'PrivateKeyExportable' -Because 'Linux and macOS cannot keep a key non-exportable, and say so'
        }

        $record = Get-Content -Raw (Join-Path $environment.CSCERTIFICATE_HOME ('requests/{0:D6}.json' -f $reference.RequestId)) | ConvertFrom-Json
        $record.status | Should -Be 'Issued'
        $record.thumbprint | Should -Be $reference.Thumbprint
        $record.caRequestId | Should -Match '^https://127\.0\.0\.1:\d+/my-order/'
        Join-Path $environment.CSCERTIFICATE_HOME ('keys/{0:D6}.key' -f $reference.RequestId) | Should -Not -Exist -Because 'the key is in the certificate store now'
        @(Get-ChildItem (Join-Path $environment.CSCERTIFICATE_HOME 'acme') -Recurse -Filter account.key) | Should -HaveCount 1
    }

    It 'warns once that ACME CAs drop the client-authentication EKU and ignore -Template and the Subject attributes, naming them' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $environment = Get-AcmeEnvironment $Pebble

        $result = Invoke-InChild -Environment $environment -Script {
            Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -CA $env:CSCERTIFICATE_TEST_CA `
                -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) -ClientEKU $true `
                -Template WebServer -Organization Litware -OU IT -City Redmond -State WA -Country US
        }

        $result.Errors | Should -BeNullOrEmpty
        $result.Output[0].RequestStatus | Should -Be 'Issued'
        @($result.Warnings -match 'client-authentication EKU') | Should -HaveCount 1
        $ignored = @($result.Warnings -match 'ACME CAs ignore')
        $ignored | Should -HaveCount 1
        foreach ($parameter in '-Template', '-Organization', '-OU', '-City', '-State', '-Country') {
            $ignored[0] | Should -Match ([regex]::Escape($parameter) + '\b')
        }
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

    It 'says that the server needs -CaAccount and -CaPassword, which only -New takes' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $environment = Get-AcmeEnvironment $Bound
        $result = Invoke-InChild -Environment $environment -Script $NewRequest
        $result.Errors[0].Id | Should -Be "CaMisconfigured$FullyQualifiedSuffix"
        $result.Errors[0].Message | Should -Match '-CaAccount'
        $result.Errors[0].Message | Should -Match 'run Request-CsCertificate -New again'
        $result.Errors[0].Message | Should -Not -Match 'then run Request-CsCertificate -Retrieve' -Because '-Retrieve cannot take -CaAccount or -CaPassword'
        (Invoke-InChild -Environment $environment -Script { Request-CsCertificate -List }).Output[0].Status | Should -Be 'Submitting'
    }

    It 'is misconfigured, not denied, when the <Case> of the binding is wrong' -ForEach @(
        @{ Case = 'HMAC key'; Kid = 'kid-1'; Key = 'AAAAZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W' }
        @{ Case = 'key id'; Kid = 'kid-unknown'; Key = 'zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W' }
    ) {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $environment = Get-AcmeEnvironment $Bound @{ CSCERTIFICATE_TEST_EAB_KID = $Kid; CSCERTIFICATE_TEST_EAB_KEY = $Key }
        $result = Invoke-InChild -Environment $environment -Script {
            Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -CA $env:CSCERTIFICATE_TEST_CA `
                -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) -CaAccount $env:CSCERTIFICATE_TEST_EAB_KID -CaPassword $env:CSCERTIFICATE_TEST_EAB_KEY
        }

        $result.Errors[0].Id | Should -Be "CaMisconfigured$FullyQualifiedSuffix"
        $result.Errors[0].Message | Should -Match "refused the External Account Binding with the key id `"$Kid`""
        $result.Errors[0].Message | Should -Match 'run Request-CsCertificate -New again'
        $result.Errors[0].Message | Should -Not -Match ([regex]::Escape($Key))
        (Invoke-InChild -Environment $environment -Script { Request-CsCertificate -List }).Output[0].Status | Should -Be 'Submitting'
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

Describe 'ACME with a CA that validates slowly' {
    BeforeAll {
        # Waits (bounded) until pebble's log has a line, for a state that only the CA knows (an order it failed).
        function Wait-PebbleLog([object] $Pebble, [string] $Pattern, [int] $Seconds = 120) {
            $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
            while ([DateTime]::UtcNow -lt $deadline) {
                $text = @('pebble.log', 'pebble.err') | ForEach-Object { Get-Content -Raw -ErrorAction SilentlyContinue (Join-Path $Pebble.Folder $_) }
                if (($text -join "`n") -match $Pattern) { return }
                Start-Sleep -Milliseconds 200
            }
            throw "pebble did not log '$Pattern' within $Seconds s."
        }

        function Get-ChallengeFile([string] $StoreHome) {
            @(Get-ChildItem -Path (Join-Path $StoreHome 'acme/challenges') -Filter '*.json' -ErrorAction SilentlyContinue)
        }
    }

    It 'completes a request stored as Pending, ordering again when the CA found nobody answering' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $slow = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble-slow') -RealValidation -VaSleep 6
        try {
            $environment = Get-AcmeEnvironment $slow @{ CSCERTIFICATE_ACME_WAIT = '1' }
            $first = Invoke-InChild -Environment $environment -Script $NewRequest
            $first.Errors | Should -BeNullOrEmpty
            $first.Output[0].RequestStatus | Should -Be 'Pending'

            # The CA validates after the responder has closed, finds nobody answering, and fails the order.
            Wait-PebbleLog $slow 'set INVALID'
            $environment.CSCERTIFICATE_ACME_WAIT = '120'
            $second = Invoke-InChild -Environment $environment -Script { Request-CsCertificate -Retrieve -RequestId 1 }

            $second.Errors | Should -BeNullOrEmpty
            $second.Output[0].RequestStatus | Should -Be 'Issued'
            $second.Verbose -join "`n" | Should -Match 'became invalid through no refusal of the CA: the responder that answered its challenges closed at'
            $second.Verbose -join "`n" | Should -Match 'Ordering again with the stored request'
            Get-ChildStoreCertificate $environment.HOME | Should -Contain $second.Output[0].Thumbprint
            Get-ChallengeFile $environment.CSCERTIFICATE_HOME | Should -BeNullOrEmpty -Because 'the challenges of a decided order are removed'
        }
        finally {
            Stop-TestPebble $slow
        }
    }

    It 'answers the challenges of every request of the data folder: two -New at once on one host' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        # The validating CA, and a second CA that takes long, so that its request keeps a responder running on the
        # port the validating CA connects to while the other request is validated.
        $validating = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble-shared') -RealValidation -VaSleep 4
        $lingering = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble-lingering') -VaSleep 120
        $background = $null
        try {
            $environment = Get-AcmeEnvironment $validating
            $long = $environment.Clone()
            $long.CSCERTIFICATE_TEST_CA = $lingering.Directory
            $long.SSL_CERT_FILE = $lingering.Environment.SSL_CERT_FILE
            $long.CSCERTIFICATE_ACME_WAIT = '120'
            $background = Start-ModuleProcess -Environment $long -Script {
                Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -CA $env:CSCERTIFICATE_TEST_CA `
                    -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) -FriendlyName 'lingering'
            }
            # Its responder listens once it answers its challenges.
            $deadline = [DateTime]::UtcNow.AddSeconds(90)
            do {
                $client = [System.Net.Sockets.TcpClient]::new()
                try { $client.Connect('127.0.0.1', $validating.Ports.Http); $listening = $true } catch { $listening = $false; Start-Sleep -Milliseconds 200 } finally { $client.Dispose() }
            } until ($listening -or [DateTime]::UtcNow -gt $deadline)
            $listening | Should -BeTrue -Because "the lingering request answers its challenges ($(Get-Content -Raw $background.ErrorFile))"

            # This request stops waiting at once, Pending: its own responder binds the port beside the other
            # command's and closes, and the CA validates it while only the other command's responder runs.
            $environment.CSCERTIFICATE_ACME_WAIT = '0'
            $first = Invoke-InChild -Environment $environment -Script $NewRequest
            if ($IsWindows) {
                # HTTP.sys gives the challenge URL to one process at a time: the second command is told so, to retry.
                $first.Errors[0].Id | Should -BeLike 'CaMisconfigured,*'
                $first.Errors[0].Message | Should -BeLike '*HTTP.sys*netsh http add urlacl*'
                return
            }
            $first.Errors | Should -BeNullOrEmpty
            $first.Output[0].RequestStatus | Should -Be 'Pending'
            $names = @($first.Output[0].AlternativeNames).Count
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            do {
                Start-Sleep -Milliseconds 200
                $log = Get-Content -Raw (Join-Path $validating.Folder 'pebble.log')
                $decided = [regex]::Matches($log, 'set (VALID|INVALID) by completed challenge').Count
            } while ($decided -lt $names -and $log -notmatch 'set INVALID' -and [DateTime]::UtcNow -lt $deadline)
            $log | Should -Not -Match 'set INVALID' -Because "the other command's responder answered this request's challenges"
            $background.HasExited | Should -BeFalse -Because 'the other command was still waiting, with its responder'

            $environment.CSCERTIFICATE_ACME_WAIT = '60'
            $environment.CSCERTIFICATE_TEST_ID = "$($first.Output[0].RequestId)"
            $second = Invoke-InChild -Environment $environment -Script { Request-CsCertificate -Retrieve -RequestId $env:CSCERTIFICATE_TEST_ID }
            $second.Errors | Should -BeNullOrEmpty
            $second.Output[0].RequestStatus | Should -Be 'Issued'
            $second.Verbose -join "`n" | Should -Not -Match 'Ordering again' -Because 'the first order itself was validated'
        }
        finally {
            if ($background -and -not $background.HasExited) { $background.Kill(); $background.WaitForExit(5000) | Out-Null }
            Stop-TestPebble $lingering
            Stop-TestPebble $validating
        }
    }
}

Describe 'ACME and Ctrl+C' {
    It 'stops waiting for the CA at once, closes the responder and keeps the request Pending to resume' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        # The CA takes up to 30 s per validation and the command would wait 120 s.
        $slow = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble-ctrlc') -VaSleep 30
        try {
            $environment = Get-AcmeEnvironment $slow @{ CSCERTIFICATE_ACME_WAIT = '120' }
            # Ctrl+C in a console is PowerShell stopping the running pipeline (PowerShell.Stop, which calls the
            # cmdlet's StopProcessing); a signal to a non-interactive child reaches no pipeline, so the child does it.
            $result = Invoke-InChild -Environment $environment -Script {
                $shell = [powershell]::Create()
                $null = $shell.AddScript({
                        param($Manifest)
                        Import-Module $Manifest
                        Request-CsCertificate -New -Type Default, WebServicesInternal, WebServicesExternal -ComputerFqdn atl-cs-001.litwareinc.com `
                            -CA $env:CSCERTIFICATE_TEST_CA -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) -Verbose
                    }).AddArgument($ModuleManifest)
                $running = $shell.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(90)
                while (-not ($shell.Streams.Verbose.Message -match 'Answering the http-01 challenge') -and -not $running.IsCompleted -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
                Start-Sleep -Seconds 1
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $shell.Stop()
                $clock.Stop()
                $client = [System.Net.Sockets.TcpClient]::new()
                $listening = try { $client.Connect('127.0.0.1', [int]$env:CSCERTIFICATE_HTTP01_PORT); $true } catch { $false } finally { $client.Dispose() }
                [pscustomobject]@{ State = "$($shell.InvocationStateInfo.State)"; Seconds = $clock.Elapsed.TotalSeconds; Listening = $listening
                    Answering = @($shell.Streams.Verbose.Message -match 'Answering the http-01 challenge').Count }
            }

            $result.Errors | Should -BeNullOrEmpty
            $stop = $result.Output[0]
            $stop.Answering | Should -BeGreaterThan 0 -Because 'the command was waiting for the CA when it was stopped'
            $stop.State | Should -Be 'Stopped'
            $stop.Seconds | Should -BeLessThan 30 -Because 'the stop ends the wait, well before the CA (up to 30 s) or the wait (120 s) would'
            $stop.Listening | Should -BeFalse -Because 'the responder is closed'
            $record = Get-Content -Raw (Join-Path $environment.CSCERTIFICATE_HOME 'requests/000001.json') | ConvertFrom-Json
            $record.status | Should -Be 'Pending'
            $record.caRequestId | Should -Match '/my-order/'
            $record.statusMessage | Should -Match 'Stopped \(Ctrl\+C\)'
            $record.statusMessage | Should -Match 'Request-CsCertificate -Retrieve -RequestId 1'
            Join-Path $environment.CSCERTIFICATE_HOME "keys/$($record.keyFile)" | Should -Exist

            # Its challenges stay in the data folder for -Retrieve to answer, until the request is cleared.
            $challenges = Join-Path $environment.CSCERTIFICATE_HOME 'acme/challenges'
            Get-ChildItem -Path $challenges -Filter '*.json' | Should -Not -BeNullOrEmpty
            $cleared = Invoke-InChild -Environment $environment -Script { Request-CsCertificate -Clear -RequestId 1 -Confirm:$false }
            $cleared.Errors | Should -BeNullOrEmpty
            Get-ChildItem -Path $challenges -Filter '*.json' | Should -BeNullOrEmpty -Because '-Clear removes the challenges of the request'
        }
        finally {
            Stop-TestPebble $slow
        }
    }
}
