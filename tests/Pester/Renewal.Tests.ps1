# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# Update-CsCertificate end to end: against pebble issuing one-minute certificates (due after half a minute, the
# rule for lifetimes of ten days or less), and offline with an openssl CA that dates certificates as it is told.
# Every command runs in a child PowerShell with its own data folder and, on Linux, its own certificate store.
# pebble 2.4 offers no renewal information (RFC 9773): the FaultProxy test tool in front of it adds it (the
# directory's renewalInfo, a window, a CA that refuses "replaces"); the identifier and the window are also tested
# as functions in xunit (AcmeRenewalInfoTests, CertificateRenewerTests).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'Pebble.ps1')

    $script:UpdateSuffix = ',CsCertificate.Commands.UpdateCsCertificateCommand'
    $script:ContosoMeet = '  <SimpleUrl Component="Meet" Domain="contoso.com" ActiveUrl="https://meet.contoso.com">' +
        "`n    <SimpleUrlEntry Url=`"https://meet.contoso.com`" />`n  </SimpleUrl>`n"

    # A copy of the example topology that a test may edit; returns its two files.
    function New-RenewalTopology([string] $Name) {
        $folder = Join-Path $TestDrive "topology-$Name"
        New-Item -ItemType Directory -Path $folder | Out-Null
        Copy-Item $LitwareTopology -Destination $folder
        @(Get-ChildItem $folder | Sort-Object Name -Descending | ForEach-Object FullName)
    }

    # The simple URL document of a copy: adds meet.contoso.com, or drops meet.fabrikam.com.
    function Edit-SimpleUrl([string[]] $Topology, [switch] $AddContoso, [switch] $DropFabrikam) {
        $file = $Topology | Where-Object { $_ -like '*simpleurls.xml' }
        $text = Get-Content -Raw $file
        if ($AddContoso) { $text = $text -replace '</SimpleUrlConfiguration>', "$ContosoMeet</SimpleUrlConfiguration>" }
        if ($DropFabrikam) { $text = $text -replace '(?s)\s*<SimpleUrl Component="Meet" Domain="fabrikam\.com".*?</SimpleUrl>', '' }
        Set-Content -Path $file -Value $text -NoNewline
    }

    # The Standard Edition server's three uses from a topology copy, with the CA of the environment.
    $script:NewRequest = {
        Request-CsCertificate -New -Type Default, WebServicesInternal, WebServicesExternal -ComputerFqdn atl-cs-001.litwareinc.com `
            -CA $env:CSCERTIFICATE_TEST_CA -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) -KeyAlg ECDH_P256 -WarningAction SilentlyContinue
    }

    # Every file of a folder with its hash, for "nothing was written".
    function Get-FolderState([string] $Path) {
        @(Get-WrittenFile $Path | Where-Object { $_ -notlike '*.lock' } | Sort-Object | ForEach-Object { "$_ $((Get-FileHash -LiteralPath $_).Hash)" }) -join "`n"
    }

    function Get-StoredRecord([string] $StoreHome, [int] $RequestId) {
        Get-Content -Raw (Join-Path $StoreHome ('requests/{0:D6}.json' -f $RequestId)) | ConvertFrom-Json
    }

    # The orders pebble made, from its log (pebble logs each one as it adds it).
    function Get-PebbleOrderCount([object] $Pebble) {
        $log = @('pebble.log', 'pebble.err') | ForEach-Object { Get-Content -Raw -ErrorAction SilentlyContinue (Join-Path $Pebble.Folder $_) }
        [regex]::Matches(($log -join "`n"), 'Added order').Count
    }
}

Describe 'Update-CsCertificate against pebble with one-minute certificates' {
    BeforeAll {
        if ($PebbleMissing) { return }
        $script:Pebble = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble') -CertValidity 60
    }

    AfterAll {
        if ($script:Pebble) { Stop-TestPebble $script:Pebble }
    }

    It 'leaves an issued request alone until it is due, then renews it with the names of the edited topology and PreviousThumbprint set' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $topology = New-RenewalTopology 'due'
        $logs = Join-Path $TestDrive 'logs-due'
        New-Item -ItemType Directory -Path $logs | Out-Null
        $environment = Get-AcmeEnvironment $Pebble @{ CSCERTIFICATE_TEST_TOPOLOGY = ($topology -join [IO.Path]::PathSeparator); CSCERTIFICATE_TEST_LOGS = $logs
            CSCERTIFICATE_TEST_NEW = $NewRequest.ToString() }

        # The request, and at once a run that finds nothing due: no output, no error, no file written, no report.
        $first = Invoke-InChild -Environment $environment -Script {
            $issued = & ([scriptblock]::Create($env:CSCERTIFICATE_TEST_NEW))
            $state = { @(Get-ChildItem -Recurse -File $env:CSCERTIFICATE_HOME | Where-Object Name -ne '.lock' | Sort-Object FullName | ForEach-Object { "$($_.FullName) $((Get-FileHash $_.FullName).Hash)" }) -join "`n" }
            $before = & $state
            $ranAt = [DateTime]::UtcNow
            $quiet = @(Update-CsCertificate -Report (Join-Path $env:CSCERTIFICATE_TEST_LOGS 'quiet.html') -ErrorVariable quietErrors -WarningVariable quietWarnings)
            $issued = $issued | Select-Object RequestId, Thumbprint, NotBefore, NotAfter, @{ Name = 'RequestStatus'; Expression = { "$($_.RequestStatus)" } }
            [pscustomobject]@{ Issued = $issued; RanAt = $ranAt; Quiet = $quiet.Count; QuietErrors = @($quietErrors).Count; QuietWarnings = @($quietWarnings).Count; Unchanged = ($before -eq (& $state)) }
        }
        $first.Errors | Should -BeNullOrEmpty
        $issued = $first.Output[0].Issued
        $issued.RequestStatus | Should -Be 'Issued'
        ($issued.NotAfter - $issued.NotBefore).TotalSeconds | Should -BeLessOrEqual 61 -Because 'pebble issues one-minute certificates'
        $due = $issued.NotBefore.AddTicks(($issued.NotAfter - $issued.NotBefore).Ticks / 2)
        $first.Output[0].RanAt | Should -BeLessThan $due -Because 'the quiet run came before the certificate was due'
        $first.Output[0].Quiet | Should -Be 0
        $first.Output[0].QuietErrors | Should -Be 0
        $first.Output[0].QuietWarnings | Should -Be 0
        $first.Output[0].Unchanged | Should -BeTrue -Because 'a run with nothing due writes nothing'
        Get-ChildItem $logs | Should -BeNullOrEmpty -Because 'not even the report'

        # -List shows when it expires and is due; the table has an Expires column.
        $list = Invoke-InChild -Environment $environment -Script { Request-CsCertificate -List; [pscustomobject]@{ Table = Request-CsCertificate -List | Format-Table | Out-String -Width 250 } }
        $listed = $list.Output[0]
        $listed.NotAfter | Should -Be $issued.NotAfter
        $listed.RenewalDue | Should -Be $due
        $list.Output[1].Table | Should -Match 'Expires'
        $list.Output[1].Table | Should -Match ([regex]::Escape($issued.NotAfter.ToLocalTime().ToString('yyyy-MM-dd HH:mm')))

        # The topology gains a name; once due, the next run renews.
        Edit-SimpleUrl $topology -AddContoso
        $wait = ($due - [DateTime]::UtcNow).TotalSeconds + 1
        $wait | Should -BeLessOrEqual 40 -Because 'a one-minute certificate is due within half a minute'
        if ($wait -gt 0) { Start-Sleep -Milliseconds ([int]($wait * 1000)) }
        $environment.CSCERTIFICATE_TEST_REPORT = Join-Path $logs 'renewal.html'
        $renewed = Invoke-InChild -Environment $environment -Script { Update-CsCertificate -Report $env:CSCERTIFICATE_TEST_REPORT }

        $renewed.Errors | Should -BeNullOrEmpty
        $renewed.Output | Should -HaveCount 1
        $reference = $renewed.Output[0]
        $reference.RequestStatus | Should -Be 'Issued'
        $reference.PreviousThumbprint | Should -Be $issued.Thumbprint
        $reference.Thumbprint | Should -Not -Be $issued.Thumbprint
        $reference.AlternativeNames | Should -Contain 'meet.contoso.com'
        $reference.AlternativeNames | Should -Contain 'meet.fabrikam.com'
        $renewed.Warnings -join "`n" | Should -Match 'adds names that its current certificate does not have: meet\.contoso\.com'
        Join-Path $logs 'renewal.html' | Should -Exist
        Join-Path $logs 'renewal.xml' | Should -Exist
        Get-ChildStoreCertificate $environment.HOME | Should -Contain $issued.Thumbprint -Because 'the old certificate stays installed'
        Get-ChildStoreCertificate $environment.HOME | Should -Contain $reference.Thumbprint

        $after = (Invoke-InChild -Environment $environment -Script { Request-CsCertificate -List }).Output
        ($after | Where-Object RequestId -eq $issued.RequestId).RenewedBy | Should -Be $reference.RequestId
        ($after | Where-Object RequestId -eq $issued.RequestId).Status | Should -Be 'Issued'
        ($after | Where-Object RequestId -eq $reference.RequestId).Renews | Should -Be $issued.RequestId
    }

    It 'refuses a renewal that would drop a name, with its own error id, until -AllowNameRemoval' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $topology = New-RenewalTopology 'drop'
        $environment = Get-AcmeEnvironment $Pebble @{ CSCERTIFICATE_TEST_TOPOLOGY = ($topology -join [IO.Path]::PathSeparator) }
        $issued = (Invoke-InChild -Environment $environment -Script $NewRequest).Output[0]
        $issued.AlternativeNames | Should -Contain 'meet.fabrikam.com'
        Edit-SimpleUrl $topology -DropFabrikam
        $before = Get-FolderState $environment.CSCERTIFICATE_HOME

        $refused = Invoke-InChild -Environment $environment -Script { Update-CsCertificate -Force }

        $refused.Output | Should -BeNullOrEmpty
        $refused.Errors | Should -HaveCount 1
        $refused.Errors[0].Id | Should -Be "RenewalNamesRemoved$UpdateSuffix"
        $refused.Errors[0].Message | Should -Match 'meet\.fabrikam\.com'
        $refused.Errors[0].Message | Should -Match '-AllowNameRemoval'
        Get-FolderState $environment.CSCERTIFICATE_HOME | Should -Be $before -Because 'nothing was requested'

        $allowed = Invoke-InChild -Environment $environment -Script { Update-CsCertificate -Force -AllowNameRemoval }

        $allowed.Errors | Should -BeNullOrEmpty
        $allowed.Output[0].RequestStatus | Should -Be 'Issued'
        $allowed.Output[0].AlternativeNames | Should -Not -Contain 'meet.fabrikam.com'
        $allowed.Output[0].PreviousThumbprint | Should -Be $issued.Thumbprint
        $allowed.Warnings -join "`n" | Should -Match 'drops names .*\(-AllowNameRemoval\): meet\.fabrikam\.com'
    }

    It 'shows with -WhatIf whether each request is due, its names before and after and the difference, and writes nothing' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $topology = New-RenewalTopology 'whatif'
        $environment = Get-AcmeEnvironment $Pebble @{ CSCERTIFICATE_TEST_TOPOLOGY = ($topology -join [IO.Path]::PathSeparator); CSCERTIFICATE_TEST_NEW = $NewRequest.ToString() }

        # At once after the request: not due.
        $first = Invoke-InChild -Environment $environment -Script { & ([scriptblock]::Create($env:CSCERTIFICATE_TEST_NEW)); Update-CsCertificate -WhatIf }
        $first.Errors | Should -BeNullOrEmpty
        $issued = $first.Output[0]
        $first.Output | Should -HaveCount 1
        $first.Host -replace '\s+', ' ' | Should -Match "What if: Performing the operation `"Keep the certificate: not due for renewal until [^`"]*`" on target `"request $($issued.RequestId) "

        Edit-SimpleUrl $topology -AddContoso -DropFabrikam
        $before = Get-FolderState $environment.CSCERTIFICATE_HOME
        $refused = Invoke-InChild -Environment $environment -Script { Update-CsCertificate -WhatIf -Force -Report (Join-Path $env:CSCERTIFICATE_HOME 'whatif.html') }
        $refused.Errors | Should -HaveCount 1 -Because 'the renewal would drop a name, with or without -WhatIf'
        $refused.Errors[0].Id | Should -Be "RenewalNamesRemoved$UpdateSuffix"
        $refused.Output | Should -BeNullOrEmpty
        Get-FolderState $environment.CSCERTIFICATE_HOME | Should -Be $before

        $names = Invoke-InChild -Environment $environment -Script { Update-CsCertificate -WhatIf -Force -AllowNameRemoval }
        $names.Errors | Should -BeNullOrEmpty
        $text = $names.Host -replace '\s+', ' '
        $text | Should -Match 'Renew the certificate now with -Force \(due at '
        $text | Should -Match "certificate $($issued.Thumbprint) valid until"
        $text | Should -Match 'names now: [^;]*meet\.fabrikam\.com'
        $text | Should -Match 'names after renewal: [^;]*meet\.contoso\.com'
        $text | Should -Match 'added: meet\.contoso\.com; removed: meet\.fabrikam\.com'
        $names.Warnings | Should -BeNullOrEmpty -Because '-WhatIf renews nothing, so it warns of nothing'
        Get-FolderState $environment.CSCERTIFICATE_HOME | Should -Be $before
    }
}

Describe 'Update-CsCertificate with ACME Renewal Information, which a proxy in front of pebble offers' {
    BeforeAll {
        $script:AriMissing = if ($PebbleMissing) { $PebbleMissing } elseif (-not (Test-Path $FaultProxyDll)) { "the FaultProxy test tool is not built ($FaultProxyDll); build.ps1 -Task Test builds it" }
        if ($AriMissing) { return }
        # One-hour certificates: by their lifetime due after half an hour, so only the CA's window renews them here.
        $script:AriPebble = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble-ari') -CertValidity 3600
        $script:Proxy = Start-FaultProxy $AriPebble

        function Set-Window([int] $StartHours, [int] $EndHours, [switch] $RefuseReplaces) {
            $now = [DateTime]::UtcNow
            $rules = @(@{ path = '/dir'; action = 'renewalInfo' }
                @{ path = '/renewal-info/'; action = 'window'; start = $now.AddHours($StartHours).ToString('yyyy-MM-ddTHH:mm:ssZ'); end = $now.AddHours($EndHours).ToString('yyyy-MM-ddTHH:mm:ssZ') })
            if ($RefuseReplaces) { $rules += @{ path = '/order-plz'; action = 'refuseReplaces' } }
            Set-FaultRules $Proxy $rules
        }

        # base64url, as RFC 9773 writes the parts of a certificate identifier.
        function ConvertTo-Base64Url([byte[]] $Bytes) { [Convert]::ToBase64String($Bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
    }

    AfterAll {
        if ($script:Proxy) { Stop-FaultProxy $script:Proxy }
        if ($script:AriPebble) { Stop-TestPebble $script:AriPebble }
    }

    It 'renews inside the window the CA suggests, tells the new order what it replaces, and orders without it when the CA refuses that' {
        if ($AriMissing) { Set-ItResult -Skipped -Because $AriMissing; return }
        $environment = Get-AcmeEnvironment $AriPebble @{ CSCERTIFICATE_TEST_CA = $Proxy.Directory }
        Set-Window 24 48
        $issued = (Invoke-InChild -Environment $environment -Script $NewRequest).Output[0]
        $issued.RequestStatus | Should -Be 'Issued'
        $record = Get-StoredRecord $environment.CSCERTIFICATE_HOME $issued.RequestId
        $record.certificateId | Should -Match '^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'
        $hex = $record.serialNumber
        ($record.certificateId -split '\.')[1] | Should -Be (ConvertTo-Base64Url ([byte[]] -split ($hex -replace '..', '0x$& '))) -Because 'the second part is the serial number'

        # A window that starts tomorrow: not due.
        $early = Invoke-InChild -Environment $environment -Script { Update-CsCertificate -Verbose }
        $early.Output | Should -BeNullOrEmpty
        $early.Errors | Should -BeNullOrEmpty
        $early.Verbose -join "`n" | Should -Match 'suggests renewing its certificate between'
        $early.Verbose -join "`n" | Should -Match 'is not due for renewal until'

        # A window that has passed, though by its lifetime the certificate is due only in half an hour: renewed now.
        Set-Window -2 -1
        $renewed = Invoke-InChild -Environment $environment -Script { Update-CsCertificate }
        $renewed.Errors | Should -BeNullOrEmpty
        $renewed.Output[0].RequestStatus | Should -Be 'Issued'
        $renewed.Output[0].PreviousThumbprint | Should -Be $issued.Thumbprint
        Get-Content -Raw $Proxy.Log | Should -Match "replaces $([regex]::Escape($record.certificateId))"
        (Get-StoredRecord $environment.CSCERTIFICATE_HOME $renewed.Output[0].RequestId).replaces | Should -Be $record.certificateId

        # A CA that refuses what the order replaces: the renewal orders again without it.
        Set-Window -2 -1 -RefuseReplaces
        $environment.CSCERTIFICATE_TEST_ID = "$($renewed.Output[0].RequestId)"
        $again = Invoke-InChild -Environment $environment -Script { Update-CsCertificate -RequestId $env:CSCERTIFICATE_TEST_ID -Verbose }
        $again.Errors | Should -BeNullOrEmpty
        $again.Output[0].RequestStatus | Should -Be 'Issued'
        $again.Output[0].PreviousThumbprint | Should -Be $renewed.Output[0].Thumbprint
        $again.Verbose -join "`n" | Should -Match 'refused an order that replaces the certificate .*alreadyReplaced.*ordering without "replaces"'
        Clear-Fault $Proxy
    }
}

Describe 'Update-CsCertificate killed while it waits for the CA' {
    It 'leaves the old request and certificate as they were, and the next run completes the renewal with the same order' {
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        # Each validation waits up to 30 s, so the renewal is still waiting when it is killed.
        $slow = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble-slow') -CertValidity 60 -VaSleep 30
        $worker = $null
        try {
            $environment = Get-AcmeEnvironment $slow @{ CSCERTIFICATE_ACME_WAIT = '120' }
            $issued = (Invoke-InChild -Environment $environment -Script $NewRequest).Output[0]
            $issued.RequestStatus | Should -Be 'Issued'
            Get-PebbleOrderCount $slow | Should -Be 1

            $worker = Start-ModuleProcess -Environment $environment -Script { Update-CsCertificate -Force }
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            $renewal = $null
            do {
                Start-Sleep -Milliseconds 200
                $renewal = Get-ChildItem (Join-Path $environment.CSCERTIFICATE_HOME 'requests') -Filter '*.json' | ForEach-Object { Get-Content -Raw $_.FullName | ConvertFrom-Json } |
                    Where-Object { $_.PSObject.Properties['renews'] -and $_.PSObject.Properties['caRequestId'] } | Select-Object -First 1
            } until ($renewal -or $worker.HasExited -or [DateTime]::UtcNow -gt $deadline)
            $renewal | Should -Not -BeNullOrEmpty -Because "the renewal stores its order while it waits ($(Get-Content -Raw $worker.ErrorFile))"
            $worker.HasExited | Should -BeFalse -Because 'the renewal was still waiting for the CA'
            $worker.Kill()
            $worker.WaitForExit(10000) | Out-Null

            # As the kill left it: the old request Issued with its certificate, the renewal Submitting with its key and order.
            $old = Get-StoredRecord $environment.CSCERTIFICATE_HOME $issued.RequestId
            $old.status | Should -Be 'Issued'
            $old.thumbprint | Should -Be $issued.Thumbprint
            Get-ChildStoreCertificate $environment.HOME | Should -Contain $issued.Thumbprint
            $renewal.status | Should -Be 'Submitting'
            $renewal.renews | Should -Be $issued.RequestId
            Test-StoreConsistency $environment.CSCERTIFICATE_HOME | Out-Null
            Get-PebbleOrderCount $slow | Should -Be 2

            $resumed = Invoke-InChild -Environment $environment -Script { Update-CsCertificate }

            $resumed.Errors | Should -BeNullOrEmpty
            $resumed.Output | Should -HaveCount 1
            $resumed.Output[0].RequestId | Should -Be $renewal.requestId
            $resumed.Output[0].RequestStatus | Should -Be 'Issued'
            $resumed.Output[0].PreviousThumbprint | Should -Be $issued.Thumbprint
            (Get-StoredRecord $environment.CSCERTIFICATE_HOME $renewal.requestId).caRequestId | Should -Be $renewal.caRequestId
            Get-PebbleOrderCount $slow | Should -Be 2 -Because 'the renewal was completed with the order the CA already held'
            (Get-StoredRecord $environment.CSCERTIFICATE_HOME $issued.RequestId).renewedBy | Should -Be $renewal.requestId
            $again = Invoke-InChild -Environment $environment -Script { Update-CsCertificate }
            $again.Output | Should -BeNullOrEmpty
            $again.Errors | Should -BeNullOrEmpty
        }
        finally {
            if ($worker -and -not $worker.HasExited) { $worker.Kill(); $worker.WaitForExit(5000) | Out-Null }
            Stop-TestPebble $slow
        }
    }
}

Describe 'Update-CsCertificate with offline requests' {
    BeforeAll {
        $script:Ca = New-TestCa 'renewal-ca'

        # An offline request for the Standard Edition server, signed for the given dates and imported; returns it.
        function New-ImportedRequest([hashtable] $Environment, [string] $Name, [string] $StartDate, [string] $EndDate) {
            $folder = Join-Path $TestDrive "requests-$Name"
            New-Item -ItemType Directory -Path $folder -Force | Out-Null
            $Environment.CSCERTIFICATE_TEST_CSR = Join-Path $folder "$Name.csr"
            $made = Invoke-InChild -Environment $Environment -Script {
                Request-CsCertificate -New -Type Default, WebServicesInternal -ComputerFqdn atl-cs-001.litwareinc.com -KeyAlg ECDH_P256 `
                    -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) -Output $env:CSCERTIFICATE_TEST_CSR
            }
            $made.Errors | Should -BeNullOrEmpty
            $Environment.CSCERTIFICATE_TEST_FILE = New-IssuedCertificate $Ca $Environment.CSCERTIFICATE_TEST_CSR $Name -StartDate $StartDate -EndDate $EndDate
            $imported = Invoke-InChild -Environment $Environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE -WarningAction SilentlyContinue }
            $imported.Errors | Should -BeNullOrEmpty
            $imported.Output[0]
        }

        function Get-OpenSslDate([datetime] $Time) { $Time.ToUniversalTime().ToString('yyMMddHHmmss') + 'Z' }

        function New-OfflineEnvironment([string] $Name) {
            $topology = New-RenewalTopology $Name
            @{ CSCERTIFICATE_HOME = (New-TestHome); HOME = (New-ChildHome); CSCERTIFICATE_TEST_TOPOLOGY = ($topology -join [IO.Path]::PathSeparator) }
        }
    }

    It 'writes the renewal request next to the original with the new id in its name, waits for its import, then completes it' {
        $environment = New-OfflineEnvironment 'offline'
        # Valid for 90 days since 70 days ago: due 10 days ago.
        $now = [DateTime]::UtcNow
        $issued = New-ImportedRequest $environment 'atl-cs-001' (Get-OpenSslDate $now.AddDays(-70)) (Get-OpenSslDate $now.AddDays(20))

        $renewed = Invoke-InChild -Environment $environment -Script { Update-CsCertificate }

        $renewed.Errors | Should -BeNullOrEmpty
        $reference = $renewed.Output[0]
        $reference.RequestStatus | Should -Be 'Offline'
        $reference.PreviousThumbprint | Should -Be $issued.Thumbprint
        $file = Join-Path (Split-Path $environment.CSCERTIFICATE_TEST_CSR) "atl-cs-001.$($reference.RequestId).csr"
        $reference.Path | Should -Be $file
        $file | Should -Exist
        Get-CsrSubject $file | Should -Be 'CN=atl-cs-001.litwareinc.com'
        Get-CsrAlternativeName $file | Should -Be (Get-CsrAlternativeName $environment.CSCERTIFICATE_TEST_CSR)
        Get-PublicKeyOfCsr (Get-Content -Raw $file) | Should -Not -Be (Get-PublicKeyOfCsr (Get-Content -Raw $environment.CSCERTIFICATE_TEST_CSR)) -Because 'a renewal has a new key'

        # Until the CA's answer is imported, the next runs have nothing to do.
        $before = Get-FolderState $environment.CSCERTIFICATE_HOME
        $waiting = Invoke-InChild -Environment $environment -Script { Update-CsCertificate }
        $waiting.Output | Should -BeNullOrEmpty
        $waiting.Errors | Should -BeNullOrEmpty
        Get-FolderState $environment.CSCERTIFICATE_HOME | Should -Be $before

        $environment.CSCERTIFICATE_TEST_FILE = New-IssuedCertificate $Ca $file 'atl-cs-001-renewed'
        $imported = Invoke-InChild -Environment $environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE -WarningAction SilentlyContinue }
        $imported.Errors | Should -BeNullOrEmpty
        $imported.Output[0].RequestId | Should -Be $reference.RequestId
        $imported.Output[0].RequestStatus | Should -Be 'Issued'
        $imported.Output[0].PreviousThumbprint | Should -Be $issued.Thumbprint
        $list = (Invoke-InChild -Environment $environment -Script { Request-CsCertificate -List }).Output
        ($list | Where-Object RequestId -eq $issued.RequestId).RenewedBy | Should -Be $reference.RequestId
        ($list | Where-Object RequestId -eq $reference.RequestId).Renews | Should -Be $issued.RequestId
    }

    It 'ends pwsh -Command with exit status 0 when nothing is due and 1 when a renewal fails, the other requests going on' {
        $environment = New-OfflineEnvironment 'exit'
        $now = [DateTime]::UtcNow
        # One certificate far from due, one due whose topology files are gone.
        New-ImportedRequest $environment 'fresh' (Get-OpenSslDate $now.AddDays(-1)) (Get-OpenSslDate $now.AddDays(89)) | Out-Null
        $command = @(Get-ChildPowerShell)
        $arguments = @($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', "Import-Module '$ModuleManifest'; Update-CsCertificate")

        $quiet = Invoke-WithEnvironment $environment { & $command[0] @arguments 2>&1 | Out-String }
        $LASTEXITCODE | Should -Be 0
        $quiet.Trim() | Should -BeNullOrEmpty

        $other = New-OfflineEnvironment 'exit-gone'
        $environment.CSCERTIFICATE_TEST_TOPOLOGY = $other.CSCERTIFICATE_TEST_TOPOLOGY
        $due = New-ImportedRequest $environment 'due' (Get-OpenSslDate $now.AddDays(-70)) (Get-OpenSslDate $now.AddDays(20))
        $other.CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator | Remove-Item

        $failed = Invoke-WithEnvironment $environment { & $command[0] @arguments 2>&1 | Out-String }
        $LASTEXITCODE | Should -Be 1
        $failed | Should -Match 'topology'
        $list = (Invoke-InChild -Environment $environment -Script { Request-CsCertificate -List }).Output
        $list | Should -HaveCount 2 -Because 'the failed renewal stored nothing'
        ($list | Where-Object RequestId -eq $due.RequestId).RenewedBy | Should -BeNullOrEmpty
    }
}
