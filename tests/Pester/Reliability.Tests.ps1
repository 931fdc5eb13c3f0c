# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# The store's promises under concurrent use, crashes (SIGKILL at random moments) and CA faults, and the
# promise that secrets are written nowhere but the key files. docs/reliability.md lists them.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    # Windows and macOS share their certificate stores with the tests: what these tests install is removed at the end.
    $script:StoreBefore = Get-StoreSnapshot
    . (Join-Path $PSScriptRoot 'Pebble.ps1')
    . (Join-Path $PSScriptRoot 'Bind.ps1')
    Import-Module $ModuleManifest -Force
    $script:Topology = $LitwareTopology -join [IO.Path]::PathSeparator

    # A request loop for worker processes; CSCERTIFICATE_TEST_COUNT requests, or endless when it is 0. It says
    # when the module is loaded, so a kill lands in the work and not in PowerShell's start-up.
    $script:RequestLoop = {
        $topology = $env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator
        New-Item -ItemType File -Path (Join-Path $env:CSCERTIFICATE_TEST_OUT "$PID.ready") -Force | Out-Null
        $count = [int]$env:CSCERTIFICATE_TEST_COUNT
        for ($i = 0; $count -eq 0 -or $i -lt $count; $i++) {
            Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $topology -KeyAlg ECDH_P256 `
                -Output (Join-Path $env:CSCERTIFICATE_TEST_OUT "$PID-$i.csr")
        }
    }
}

AfterAll {
    Remove-InstalledCertificate $StoreBefore
}

Describe 'Concurrent use' {
    It 'keeps 200 requests from 8 processes, with unique ids and matching keys, while others list and clear' {
        $storeHome = New-TestHome
        $out = Join-Path $TestDrive 'concurrent'
        New-Item -ItemType Directory -Path $out | Out-Null
        $environment = @{ CSCERTIFICATE_HOME = $storeHome; CSCERTIFICATE_TEST_TOPOLOGY = $Topology; CSCERTIFICATE_TEST_OUT = $out }

        # Requests that another process clears while the writers run.
        $others = 1..16 | ForEach-Object {
            (Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology -KeyAlg ECDH_P256 -Output (Join-Path $out "other-$_.csr")).RequestId
        }
        $stop = Join-Path $TestDrive 'stop-listing'
        $environment.CSCERTIFICATE_TEST_COUNT = '25'
        $environment.CSCERTIFICATE_TEST_IDS = $others -join ','
        $environment.CSCERTIFICATE_TEST_STOP = $stop

        $writers = 1..8 | ForEach-Object { Start-ModuleProcess -Script $RequestLoop -Environment $environment }
        $lister = Start-ModuleProcess -Environment $environment -Script {
            while (-not (Test-Path $env:CSCERTIFICATE_TEST_STOP)) { Request-CsCertificate -List | Out-Null }
        }
        $clearer = Start-ModuleProcess -Environment $environment -Script {
            foreach ($id in $env:CSCERTIFICATE_TEST_IDS -split ',') { Request-CsCertificate -Clear -RequestId $id -Confirm:$false }
        }
        $writers + $clearer | Wait-Process -Timeout 600
        New-Item -ItemType File -Path $stop | Out-Null
        $lister | Wait-Process -Timeout 60

        foreach ($process in $writers + $clearer + $lister) {
            $errors = Get-Content -Raw $process.ErrorFile -ErrorAction SilentlyContinue
            $errors | Should -BeNullOrEmpty
        }
        $records = @(Test-StoreConsistency $storeHome)
        $records | Should -HaveCount 200
        @($records.requestId | Sort-Object -Unique) | Should -HaveCount 200
        @(Get-ChildItem (Join-Path $storeHome 'keys') -Filter '*.key') | Should -HaveCount 200
        @(Get-ChildItem $out -Filter '*-*.csr' | Where-Object Name -notlike 'other-*') | Should -HaveCount 200
        @(Get-ChildItem $storeHome -Recurse -Force -Filter '*.tmp') | Should -BeNullOrEmpty
    }
}

Describe 'Crash safety' {
    BeforeAll {
        function Wait-Ready([System.Diagnostics.Process] $Process, [string] $Folder) {
            $marker = Join-Path $Folder "$($Process.Id).ready"
            for ($i = 0; $i -lt 600 -and -not (Test-Path $marker) -and -not $Process.HasExited; $i++) { Start-Sleep -Milliseconds 100 }
        }

        # A worker that finished its work before the kill is not an error: Stop-Process -Id fails once the id is
        # gone, and .NET Framework's Kill throws for a process that has exited in between.
        function Stop-Worker([System.Diagnostics.Process] $Process) {
            try { $Process.Kill() } catch [System.InvalidOperationException] { if (-not $Process.HasExited) { throw } }
            $Process.WaitForExit()
        }
    }

    It 'leaves a consistent store after 20 kills at random moments of -New' {
        $storeHome = New-TestHome
        $out = Join-Path $TestDrive 'crash'
        New-Item -ItemType Directory -Path $out | Out-Null
        $environment = @{ CSCERTIFICATE_HOME = $storeHome; CSCERTIFICATE_TEST_TOPOLOGY = $Topology; CSCERTIFICATE_TEST_OUT = $out; CSCERTIFICATE_TEST_COUNT = '0' }
        $random = [Random]::new(20261126)
        for ($kill = 0; $kill -lt 20; $kill++) {
            $worker = Start-ModuleProcess -Script $RequestLoop -Environment $environment
            Wait-Ready $worker $out
            Start-Sleep -Milliseconds $random.Next(0, 2500)
            Stop-Worker $worker
        }

        $before = @(Test-StoreConsistency $storeHome)
        $before.Count | Should -BeGreaterThan 0 -Because 'the workers made requests between the kills'
        $listed = @(Request-CsCertificate -List -ErrorVariable listErrors)
        $listErrors | Should -BeNullOrEmpty
        $listed.Count | Should -Be $before.Count
        @(Get-ChildItem $storeHome -Recurse -Force -Filter '*.tmp') | Should -BeNullOrEmpty -Because 'the next command clears what a killed writer left'
    }

    It 'leaves a consistent store after kills during -Retrieve, and a later -Retrieve completes every request' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $pebble = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble-crash')
        try {
            $markers = Join-Path $TestDrive 'retrieve-markers'
            New-Item -ItemType Directory -Path $markers | Out-Null
            $environment = @{ CSCERTIFICATE_HOME = (New-TestHome); HOME = (New-ChildHome); CSCERTIFICATE_TEST_CA = $pebble.Directory; CSCERTIFICATE_TEST_TOPOLOGY = $Topology
                CSCERTIFICATE_ACME_WAIT = '0'; CSCERTIFICATE_TEST_OUT = $markers }
            foreach ($key in $pebble.Environment.Keys) { $environment[$key] = $pebble.Environment[$key] }
            $pending = Invoke-InChild -Environment $environment -Script {
                $topology = $env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator
                1..8 | ForEach-Object { Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -CA $env:CSCERTIFICATE_TEST_CA -TopologyPath $topology -KeyAlg ECDH_P256 }
            }
            @($pending.Output | Where-Object RequestStatus -eq 'Pending') | Should -HaveCount 8

            $environment.CSCERTIFICATE_ACME_WAIT = '60'
            $random = [Random]::new(5519)
            for ($kill = 0; $kill -lt 10; $kill++) {
                $worker = Start-ModuleProcess -Environment $environment -Script {
                    New-Item -ItemType File -Path (Join-Path $env:CSCERTIFICATE_TEST_OUT "$PID.ready") -Force | Out-Null
                    Request-CsCertificate -Retrieve
                }
                Wait-Ready $worker $environment.CSCERTIFICATE_TEST_OUT
                Start-Sleep -Milliseconds $random.Next(0, 3000)
                Stop-Worker $worker
                Test-StoreConsistency $environment.CSCERTIFICATE_HOME | Out-Null
            }

            $final = Invoke-InChild -Environment $environment -Script { Request-CsCertificate -Retrieve; Request-CsCertificate -List }
            $final.Errors | Should -BeNullOrEmpty
            @($final.Output | Where-Object { $_.PSObject.Properties.Name -contains 'Status' } | Where-Object Status -ne 'Issued') | Should -BeNullOrEmpty
            @(Test-StoreConsistency $environment.CSCERTIFICATE_HOME) | Should -HaveCount 8
        }
        finally {
            Stop-TestPebble $pebble
        }
    }
}

Describe 'CA faults' {
    BeforeAll {
        if ($PebbleMissing -or -not (Test-Path $FaultProxyDll)) { return }
        $script:Pebble = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble-faults')
        $script:Proxy = Start-FaultProxy $Pebble
    }

    AfterAll {
        if ($script:Proxy) { Stop-FaultProxy $script:Proxy }
        if ($script:Pebble) { Stop-TestPebble $script:Pebble }
    }

    It '<Fault> gives <ErrorId>, keeps the request, and -Retrieve succeeds once the fault is gone' -ForEach @(
        @{ Fault = 'the connection dropped while the certificate downloads'; Path = '/certZ/'; Action = 'drop'; ErrorId = 'CaUnreachable' }
        @{ Fault = 'an unreadable order'; Path = '/my-order/'; Action = 'malformed'; ErrorId = 'CaUnreachable' }
        @{ Fault = 'an oversized order'; Path = '/my-order/'; Action = 'oversized'; ErrorId = 'CaUnreachable' }
        @{ Fault = 'a server error on the new order'; Path = '/order-plz'; Action = 'error500'; ErrorId = 'CaUnreachable' }
        @{ Fault = 'a certificate for another key'; Path = '/certZ/'; Action = 'wrongCertificate'; ErrorId = 'CertificateKeyMismatch' }
    ) {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        if (-not (Test-Path $FaultProxyDll)) { Set-ItResult -Skipped -Because "the FaultProxy test tool is not built ($FaultProxyDll); build.ps1 -Task Test builds it"; return }
        $environment = @{ CSCERTIFICATE_HOME = (New-TestHome); HOME = (New-ChildHome); CSCERTIFICATE_TEST_CA = $Proxy.Directory; CSCERTIFICATE_TEST_TOPOLOGY = $Topology }
        foreach ($key in $Pebble.Environment.Keys) { $environment[$key] = $Pebble.Environment[$key] }
        Set-Fault $Proxy $Path $Action
        try {
            $faulty = Invoke-InChild -Environment $environment -Script {
                Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -CA $env:CSCERTIFICATE_TEST_CA `
                    -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) -KeyAlg ECDH_P256
            }
        }
        finally {
            Clear-Fault $Proxy
        }

        $faulty.Errors[0].Id | Should -Be "$ErrorId$FullyQualifiedSuffix"
        $records = @(Test-StoreConsistency $environment.CSCERTIFICATE_HOME)
        $records | Should -HaveCount 1
        $records[0].status | Should -BeIn @('Submitting', 'Pending')
        Get-ChildStoreCertificate $environment.HOME | Should -BeNullOrEmpty

        $retrieved = Invoke-InChild -Environment $environment -Script { Request-CsCertificate -Retrieve }
        $retrieved.Errors | Should -BeNullOrEmpty
        $retrieved.Output[0].RequestStatus | Should -Be 'Issued'
        Get-ChildStoreCertificate $environment.HOME | Should -Contain $retrieved.Output[0].Thumbprint
    }
}

Describe 'Secrets' {
    BeforeAll {
        $script:Password = 'Zq7-CsCertSecret-5519'
        # External Account Binding keys are base64url: this one reads "secret-CsCertificate-5519-hmac-key".
        $script:HmacKey = 'c2VjcmV0LUNzQ2VydGlmaWNhdGUtNTUxOS1obWFjLWtleQ'
        # A TSIG secret the DNS server does not have: "wrong-tsig-secret-CsCert-5519".
        $script:WrongTsigSecret = 'd3JvbmctdHNpZy1zZWNyZXQtQ3NDZXJ0LTU1MTk='
    }

    It 'never writes -CaPassword, EAB keys, TSIG secrets, PFX passwords or private keys outside the key files, in any stream or file, exports included' {
        $storeHome = New-TestHome
        $childHome = New-ChildHome
        $work = Join-Path $TestDrive 'secrets'
        New-Item -ItemType Directory -Path $work | Out-Null
        $environment = @{ CSCERTIFICATE_HOME = $storeHome; HOME = $childHome; CSCERTIFICATE_TEST_TOPOLOGY = $Topology; CSCERTIFICATE_TEST_WORK = $work
            CSCERTIFICATE_TEST_PASSWORD = $Password; CSCERTIFICATE_TEST_HMAC = $HmacKey }
        $pebble = $null
        if (-not $PebbleMissing) {
            $pebble = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble-secrets') -EabKeys @{ 'kid-1' = $HmacKey }
            $environment.CSCERTIFICATE_TEST_CA = $pebble.Directory
            foreach ($key in $pebble.Environment.Keys) { $environment[$key] = $pebble.Environment[$key] }
        }
        # dns-01 signed with a TSIG key: against BIND when it is here (then also with a wrong secret), else against a
        # port where nothing answers; either way the key is read and its name goes into messages, its secret nowhere.
        $bind = $null
        $tsigKey = Join-Path $work 'tsig.key'
        $wrongKey = Join-Path $work 'wrong-tsig.key'
        Set-Content -Path $wrongKey -Value "key `"cscert-test`" {`n`talgorithm hmac-sha256;`n`tsecret `"$WrongTsigSecret`";`n};"
        if (-not $PebbleMissing -and -not $BindMissing) {
            $bind = Start-TestBind -Folder (Join-Path $TestDrive 'bind-secrets')
            Copy-Item $bind.KeyFile $tsigKey
            $environment.CSCERTIFICATE_TEST_DNS = $bind.Server
        }
        else {
            Set-Content -Path $tsigKey -Value "key `"cscert-test`" {`n`talgorithm hmac-sha256;`n`tsecret `"c2VjcmV0LXRzaWctQ3NDZXJ0aWZpY2F0ZS01NTE5LWtleQ==`";`n};"
            $environment.CSCERTIFICATE_TEST_DNS = "127.0.0.1:$(Get-FreePort)"
        }
        $tsigSecret = [regex]::Match((Get-Content -Raw $tsigKey), 'secret "([^"]+)"').Groups[1].Value
        $environment.CSCERTIFICATE_TEST_TSIG = $tsigKey
        $environment.CSCERTIFICATE_TEST_WRONG_TSIG = $wrongKey
        Invoke-OpenSsl req -x509 -newkey rsa:2048 -nodes -keyout (Join-Path $work 'pfx.key') -out (Join-Path $work 'pfx.pem') -days 2 -subj '/CN=secret.litwareinc.com' | Out-Null
        Invoke-OpenSsl pkcs12 -export -in (Join-Path $work 'pfx.pem') -inkey (Join-Path $work 'pfx.key') -out (Join-Path $work 'secret.pfx') -passout "pass:$Password" | Out-Null

        try {
            $results = @(
                Invoke-InChild -Environment $environment -Script {
                    # A refused command (the DCOM CA off Windows, the wrong PFX password) ends its statement, not the script.
                    trap { $_; continue }
                    $topology = $env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator
                    $common = @{ Type = 'Default'; ComputerFqdn = 'atl-cs-001.litwareinc.com'; TopologyPath = $topology; Verbose = $true; Debug = $true }
                    Request-CsCertificate -New @common -Output (Join-Path $env:CSCERTIFICATE_TEST_WORK 'offline.csr') -CaAccount 'litwareinc\kenmyer' -CaPassword $env:CSCERTIFICATE_TEST_PASSWORD -Report (Join-Path $env:CSCERTIFICATE_TEST_WORK 'new.html')
                    Request-CsCertificate -New @common -CA 'atl-ca-001.litwareinc.com\myca' -CaAccount 'litwareinc\kenmyer' -CaPassword $env:CSCERTIFICATE_TEST_PASSWORD -Report (Join-Path $env:CSCERTIFICATE_TEST_WORK 'dcom.html')
                    # One command per statement: the trap goes on after the statement that failed, a whole if included.
                    if ($env:CSCERTIFICATE_TEST_CA) { Request-CsCertificate -New @common -CA $env:CSCERTIFICATE_TEST_CA -CaAccount 'kid-1' -CaPassword 'd3JvbmctQ3NDZXJ0U2VjcmV0LTU1MTk' -Report (Join-Path $env:CSCERTIFICATE_TEST_WORK 'eab-wrong.html') }
                    if ($env:CSCERTIFICATE_TEST_CA) { Request-CsCertificate -New @common -CA $env:CSCERTIFICATE_TEST_CA -CaAccount 'kid-1' -CaPassword $env:CSCERTIFICATE_TEST_HMAC -Report (Join-Path $env:CSCERTIFICATE_TEST_WORK 'eab.html') }
                    $dns = @{ AcmeChallenge = 'Dns01'; DnsServer = $env:CSCERTIFICATE_TEST_DNS; CA = $env:CSCERTIFICATE_TEST_CA; CaAccount = 'kid-1'; CaPassword = $env:CSCERTIFICATE_TEST_HMAC }
                    if ($env:CSCERTIFICATE_TEST_CA) { Request-CsCertificate -New @common @dns -DnsKeyPath $env:CSCERTIFICATE_TEST_WRONG_TSIG -Report (Join-Path $env:CSCERTIFICATE_TEST_WORK 'dns01-wrong.html') }
                    if ($env:CSCERTIFICATE_TEST_CA) { Request-CsCertificate -New @common @dns -DnsKeyPath $env:CSCERTIFICATE_TEST_TSIG -Report (Join-Path $env:CSCERTIFICATE_TEST_WORK 'dns01.html') }
                    Request-CsCertificate -List -Verbose -Debug -Report (Join-Path $env:CSCERTIFICATE_TEST_WORK 'list.html')
                    Request-CsCertificate -Retrieve -Verbose -Debug -Report (Join-Path $env:CSCERTIFICATE_TEST_WORK 'retrieve.html')
                    Import-CsCertificate -Path (Join-Path $env:CSCERTIFICATE_TEST_WORK 'secret.pfx') -Password 'not-the-password' -Verbose -Debug
                    Import-CsCertificate -Path (Join-Path $env:CSCERTIFICATE_TEST_WORK 'secret.pfx') -Password $env:CSCERTIFICATE_TEST_PASSWORD -Verbose -Debug -Report (Join-Path $env:CSCERTIFICATE_TEST_WORK 'import.html')
                    $exportPassword = ConvertTo-SecureString $env:CSCERTIFICATE_TEST_PASSWORD -AsPlainText -Force
                    Export-CsCertificate -RequestId 1 -Path (Join-Path $env:CSCERTIFICATE_TEST_WORK 'offline.pfx') -Password $exportPassword -Verbose -Debug
                    $issued = @(Request-CsCertificate -List | Where-Object Status -eq Issued)
                    $issued | Export-CsCertificate -Path $env:CSCERTIFICATE_TEST_WORK -Password $exportPassword -Verbose -Debug -Report (Join-Path $env:CSCERTIFICATE_TEST_WORK 'export.html')
                    $issued | Export-CsCertificate -Path $env:CSCERTIFICATE_TEST_WORK -KeyPath $env:CSCERTIFICATE_TEST_WORK -Password $exportPassword -Verbose -Debug -Report (Join-Path $env:CSCERTIFICATE_TEST_WORK 'export-pem.html')
                    Request-CsCertificate -Clear -RequestId 1 -Confirm:$false -Verbose -Debug -Report (Join-Path $env:CSCERTIFICATE_TEST_WORK 'clear.html')
                }
            )
        }
        finally {
            if ($pebble) { Stop-TestPebble $pebble }
            if ($bind) { Stop-TestBind $bind }
        }

        $streams = ($results | ForEach-Object { $_.Output; $_.Errors.Text; $_.Warnings; $_.Verbose; $_.Debug; $_.Information } | Out-String)
        $streams | Should -Match 'Certificate use' -Because 'the streams were captured'
        $streams | Should -Not -Match ([regex]::Escape($Password))
        $streams | Should -Not -Match ([regex]::Escape($HmacKey))
        $streams | Should -Not -Match 'd3JvbmctQ3NDZXJ0U2VjcmV0LTU1MTk'
        $streams.Contains($tsigSecret) | Should -BeFalse -Because 'the TSIG secret appears in no stream'
        $streams.Contains($WrongTsigSecret) | Should -BeFalse
        if (-not $PebbleMissing) {
            $streams | Should -Match 'cscert-test' -Because 'the dns-01 requests ran, and messages name the key'
        }

        $keyBodies = @(Get-ChildItem (Join-Path $storeHome 'keys'), (Join-Path $storeHome 'acme') -Recurse -Filter '*.key' -ErrorAction SilentlyContinue |
                ForEach-Object { ((Get-Content $_.FullName) | Where-Object { $_ -notmatch '^-----' }) -join '' })
        if (-not $PebbleMissing) {
            @(Get-ChildItem $work -Filter '*-atl-cs-001.litwareinc.com.pfx') | Should -Not -BeNullOrEmpty -Because 'the issued requests were exported'
            $exportedKeys = @(Get-ChildItem $work -Filter '*-atl-cs-001.litwareinc.com.key')
            $exportedKeys | Should -Not -BeNullOrEmpty
            foreach ($key in $exportedKeys) {
                Get-Content -Raw $key.FullName | Should -Match '^-----BEGIN ENCRYPTED PRIVATE KEY-----' -Because 'an exported key with -Password is encrypted'
                Get-Content -Raw $key.FullName | Should -Not -Match ([regex]::Escape($Password))
            }
        }
        $written = @(Get-WrittenFile $storeHome) + @(Get-WrittenFile $work) | Where-Object { $_ -notlike '*.key' -and $_ -notlike '*secret.pfx' -and $_ -notlike '*pfx.key' }
        $written | Should -Not -BeNullOrEmpty
        foreach ($file in $written) {
            $text = "$(Get-Content -Raw $file)"
            $text | Should -Not -Match ([regex]::Escape($Password)) -Because $file
            $text | Should -Not -Match ([regex]::Escape($HmacKey)) -Because $file
            $text | Should -Not -MatchExactly 'BEGIN [A-Z ]*PRIVATE KEY' -Because $file
            $text.Contains($tsigSecret) | Should -BeFalse -Because "$file must not hold the TSIG secret"
            $text.Contains($WrongTsigSecret) | Should -BeFalse -Because "$file must not hold the TSIG secret"
            foreach ($body in $keyBodies) { $text.Contains($body.Substring(0, 40)) | Should -BeFalse -Because "$file must not hold a private key" }
        }
        if (-not $IsWindows) {
            foreach ($key in Get-ChildItem $storeHome -Recurse -Filter '*.key') {
                [Convert]::ToString([int]$key.UnixFileMode, 8) | Should -Be '600' -Because $key.FullName
                [Convert]::ToString([int](Get-Item $key.DirectoryName).UnixFileMode, 8) | Should -Be '700' -Because $key.DirectoryName
            }
        }
    }
}
