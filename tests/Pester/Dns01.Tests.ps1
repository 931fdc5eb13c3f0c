# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# ACME dns-01 against real servers: BIND 9 (Bind.ps1) takes the RFC 2136 updates and is pebble's DNS, and pebble
# really validates (no PEBBLE_VA_ALWAYS_VALID). Each request runs in a child PowerShell, as in Acme.Tests.ps1.
# After every request the zones are read back with a zone transfer: no _acme-challenge record may stay behind.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'Pebble.ps1')
    . (Join-Path $PSScriptRoot 'Bind.ps1')
    $script:Dns01Missing = if ($PebbleMissing) { $PebbleMissing } else { $BindMissing }

    function Get-Dns01Environment([object] $Pebble, [object] $Bind, [hashtable] $Extra = @{}) {
        $environment = @{ CSCERTIFICATE_HOME = (New-TestHome); HOME = (New-ChildHome); CSCERTIFICATE_TEST_CA = $Pebble.Directory
            CSCERTIFICATE_TEST_TOPOLOGY = ($LitwareTopology -join [IO.Path]::PathSeparator); CSCERTIFICATE_TEST_DNS = $Bind.Server
            CSCERTIFICATE_TEST_KEY = $Bind.KeyFile; CSCERTIFICATE_TEST_WORK = $TestDrive }
        foreach ($source in $Pebble.Environment, $Extra) { foreach ($key in $source.Keys) { $environment[$key] = $source[$key] } }
        return $environment
    }

    # The Standard Edition server's three uses, by dns-01 signed with the test bed's key.
    $script:NewDns01Request = {
        Request-CsCertificate -New -Type Default, WebServicesInternal, WebServicesExternal -ComputerFqdn atl-cs-001.litwareinc.com `
            -CA $env:CSCERTIFICATE_TEST_CA -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) `
            -AcmeChallenge Dns01 -DnsServer $env:CSCERTIFICATE_TEST_DNS -DnsKeyPath $env:CSCERTIFICATE_TEST_KEY -Verbose
    }

    # A key file as tsig-keygen writes it, for the server's key name or another, with a secret the server does not have.
    function New-WrongKeyFile([string] $Name) {
        $path = Join-Path $TestDrive "wrong-$Name.key"
        Set-Content -Path $path -Value "key `"$Name`" {`n`talgorithm hmac-sha256;`n`tsecret `"c2VjcmV0LW5vdC10aGUtc2VydmVycy1vd24ta2V5LTE=`";`n};"
        return $path
    }

    # A -DnsScript that adds and removes the records with nsupdate, and notes each call in script-calls.txt.
    function New-NsUpdateScript {
        $path = Join-Path $TestDrive 'Set-AcmeTxt.ps1'
        Set-Content -Path $path -Value @'
param(
    [Parameter(Mandatory)] [ValidateSet('Add', 'Remove')] [string] $Action,
    [Parameter(Mandatory)] [string] $Name,
    [Parameter(Mandatory)] [string] $Value
)
$change = if ($Action -eq 'Add') { "update add $Name. 60 IN TXT `"$Value`"" } else { "update delete $Name. IN TXT `"$Value`"" }
$file = Join-Path $env:CSCERTIFICATE_TEST_WORK "nsupdate-$([guid]::NewGuid().ToString('N')).txt"
Set-Content -Path $file -Value "server 127.0.0.1 $($env:CSCERTIFICATE_TEST_DNS -replace '^.*:', '')`n$change`nsend"
$output = nsupdate -k $env:CSCERTIFICATE_TEST_KEY $file 2>&1
if ($LASTEXITCODE -ne 0) { Write-Error "nsupdate failed: $output"; return }
Add-Content -Path (Join-Path $env:CSCERTIFICATE_TEST_WORK 'script-calls.txt') -Value "$Action $Name $Value $([bool]$SessionMarker)"
Write-Verbose "nsupdate: $Action $Name"
'@
        return $path
    }

    function Get-StoredRecord([string] $StoreHome, [int] $RequestId = 1) {
        Get-Content -Raw (Join-Path $StoreHome ('requests/{0:D6}.json' -f $RequestId)) | ConvertFrom-Json
    }
}

Describe 'ACME dns-01 against BIND, with real validation' {
    BeforeAll {
        if ($Dns01Missing) { return }
        # northwindtraders.com takes no updates; its challenge name is delegated to contoso.net, which does.
        $script:Bind = Start-TestBind -Folder (Join-Path $TestDrive 'bind') -Zone 'litwareinc.com', 'fabrikam.com', 'contoso.net' -ReadOnlyZone 'northwindtraders.com' `
            -Record @{ 'northwindtraders.com' = '_acme-challenge.sip IN CNAME sip.acme.contoso.net.' }
        $script:Pebble = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble-dns01') -RealValidation -DnsServer $Bind.Server
        $script:Secret = [regex]::Match((Get-Content -Raw $Bind.KeyFile), 'secret "([^"]+)"').Groups[1].Value
    }

    AfterAll {
        if ($script:Pebble) { Stop-TestPebble $script:Pebble }
        if ($script:Bind) { Stop-TestBind $script:Bind }
    }

    AfterEach {
        if (-not $Dns01Missing) {
            Get-AcmeChallengeRecord $Bind -Zone 'litwareinc.com', 'fabrikam.com', 'contoso.net' | Should -BeNullOrEmpty -Because 'no _acme-challenge record stays behind'
        }
    }

    It 'issues a Default,WebServicesInternal,WebServicesExternal certificate by dns-01 with TSIG, and stores the key''s path, never its secret' {
        if ($Dns01Missing) { Set-ItResult -Skipped -Because $Dns01Missing; return }
        $environment = Get-Dns01Environment $Pebble $Bind
        $report = Join-Path $TestDrive 'dns01-report.html'
        $environment.CSCERTIFICATE_TEST_REPORT = $report

        $result = Invoke-InChild -Environment $environment -Script {
            Request-CsCertificate -New -Type Default, WebServicesInternal, WebServicesExternal -ComputerFqdn atl-cs-001.litwareinc.com `
                -CA $env:CSCERTIFICATE_TEST_CA -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) `
                -AcmeChallenge Dns01 -DnsServer $env:CSCERTIFICATE_TEST_DNS -DnsKeyPath $env:CSCERTIFICATE_TEST_KEY -Verbose -Report $env:CSCERTIFICATE_TEST_REPORT
        }

        $result.Errors | Should -BeNullOrEmpty
        $reference = $result.Output[0]
        $reference.RequestStatus | Should -Be 'Issued'
        foreach ($name in 'atl-cs-001.litwareinc.com', 'dialin.litwareinc.com', 'meet.litwareinc.com', 'meet.fabrikam.com', 'admin.litwareinc.com', 'LyncdiscoverInternal.litwareinc.com', 'atl-ext.litwareinc.com', 'Lyncdiscover.litwareinc.com') {
            $reference.AlternativeNames | Should -Contain $name
        }
        Get-ChildStoreCertificate $environment.HOME | Should -Contain $reference.Thumbprint
        $verbose = $result.Verbose -join "`n"
        $verbose | Should -Match 'Adding the dns-01 TXT records of the zone "litwareinc\.com"'
        $verbose | Should -Match 'Adding the dns-01 TXT records of the zone "fabrikam\.com"'
        $verbose | Should -Match 'are visible at the servers checked'
        $verbose | Should -Match 'Removing the dns-01 TXT records'
        @($result.Verbose -match 'http-01') | Should -BeNullOrEmpty

        $record = Get-StoredRecord $environment.CSCERTIFICATE_HOME
        $record.acmeChallenge | Should -Be 'dns-01'
        $record.dnsServer | Should -Be $Bind.Server
        $record.dnsKeyPath | Should -Be $Bind.KeyFile
        $streams = ($result.Output | Out-String) + ($result.Verbose + $result.Warnings -join "`n")
        $streams.Contains($Secret) | Should -BeFalse
        $files = @(Get-WrittenFile $environment.CSCERTIFICATE_HOME) + $report + [IO.Path]::ChangeExtension($report, '.xml')
        foreach ($file in $files) { "$(Get-Content -Raw $file)".Contains($Secret) | Should -BeFalse -Because "$file must not hold the TSIG secret" }
        Get-ChildItem (Join-Path $environment.CSCERTIFICATE_HOME 'acme/challenges') -Filter '*.json' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'reports a server that refuses unsigned updates with DnsUpdateRefused, naming -DnsKeyPath, and keeps the request' {
        if ($Dns01Missing) { Set-ItResult -Skipped -Because $Dns01Missing; return }
        $environment = Get-Dns01Environment $Pebble $Bind

        $result = Invoke-InChild -Environment $environment -Script {
            Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -CA $env:CSCERTIFICATE_TEST_CA `
                -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) -AcmeChallenge Dns01 -DnsServer $env:CSCERTIFICATE_TEST_DNS
        }

        $result.Errors[0].Id | Should -Be "DnsUpdateRefused$FullyQualifiedSuffix"
        $result.Errors[0].Category | Should -Be 'PermissionDenied'
        $result.Errors[0].Message | Should -Match 'refused the unsigned update of the zone "litwareinc\.com" \(REFUSED\)'
        $result.Errors[0].Message | Should -Match '-DnsKeyPath'
        $result.Errors[0].Message | Should -Match 'Request-CsCertificate -Retrieve -RequestId 1'
        $result.Warnings -join "`n" | Should -Not -Match 'could not be removed' -Because 'the refused update added nothing to remove'
        (Invoke-InChild -Environment $environment -Script { Request-CsCertificate -List }).Output[0].Status | Should -Be 'Submitting'
        Join-Path $environment.CSCERTIFICATE_HOME 'keys/000001.key' | Should -Exist
    }

    It 'reports <Case> with DnsUpdateRefused, naming the key and the reason, never the secret' -ForEach @(
        @{ Case = 'a key whose secret is not the server''s'; KeyName = 'cscert-test'; Reason = 'NOTAUTH \(BADSIG\).*secret in the key file is not the server' }
        @{ Case = 'a key the server does not know'; KeyName = 'other-key'; Reason = 'NOTAUTH \(BADKEY\).*does not know a key of this name' }
    ) {
        if ($Dns01Missing) { Set-ItResult -Skipped -Because $Dns01Missing; return }
        $environment = Get-Dns01Environment $Pebble $Bind @{ CSCERTIFICATE_TEST_KEY = (New-WrongKeyFile $KeyName) }

        $result = Invoke-InChild -Environment $environment -Script $NewDns01Request

        $result.Errors[0].Id | Should -Be "DnsUpdateRefused$FullyQualifiedSuffix"
        $result.Errors[0].Message | Should -Match "signed with the key `"$KeyName`" from `"$([regex]::Escape($environment.CSCERTIFICATE_TEST_KEY))`""
        $result.Errors[0].Message | Should -Match $Reason
        $result.Errors[0].Text | Should -Not -Match 'c2VjcmV0LW5vdC10aGUt'
    }

    It 'reports a -DnsServer where nothing answers with DnsServerUnreachable, naming the server, and keeps the request' {
        if ($Dns01Missing) { Set-ItResult -Skipped -Because $Dns01Missing; return }
        # Nothing answers at the resolver either, so that what this machine's resolvers know plays no part.
        $nowhere = "127.0.0.1:$(Get-FreePort)"
        $environment = Get-Dns01Environment $Pebble $Bind @{ CSCERTIFICATE_TEST_DNS = $nowhere; CSCERTIFICATE_DNS_RESOLVER = "127.0.0.1:$(Get-FreePort)" }

        $result = Invoke-InChild -Environment $environment -Script $NewDns01Request

        $result.Errors[0].Id | Should -Be "DnsServerUnreachable$FullyQualifiedSuffix"
        $result.Errors[0].Message | Should -Match "The DNS server $([regex]::Escape($nowhere)) could not be reached"
        (Invoke-InChild -Environment $environment -Script { Request-CsCertificate -List }).Output[0].Status | Should -Not -BeIn 'Issued', 'Denied'
        Join-Path $environment.CSCERTIFICATE_HOME 'keys/000001.key' | Should -Exist
    }

    It 'follows a CNAME at _acme-challenge to the zone it may update (challenge delegation)' {
        if ($Dns01Missing) { Set-ItResult -Skipped -Because $Dns01Missing; return }
        $environment = Get-Dns01Environment $Pebble $Bind

        $result = Invoke-InChild -Environment $environment -Script {
            Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -DomainName sip.northwindtraders.com -CA $env:CSCERTIFICATE_TEST_CA `
                -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) -AcmeChallenge Dns01 -DnsServer $env:CSCERTIFICATE_TEST_DNS -DnsKeyPath $env:CSCERTIFICATE_TEST_KEY -Verbose
        }

        $result.Errors | Should -BeNullOrEmpty
        $result.Output[0].RequestStatus | Should -Be 'Issued'
        $result.Output[0].AlternativeNames | Should -Contain 'sip.northwindtraders.com'
        $result.Verbose -join "`n" | Should -Match '_acme-challenge\.sip\.northwindtraders\.com is an alias \(CNAME\) of sip\.acme\.contoso\.net'
        $result.Verbose -join "`n" | Should -Match 'Adding the dns-01 TXT records of the zone "contoso\.net"'
        Get-TestDnsRecord $Bind '_acme-challenge.sip.northwindtraders.com' CNAME | Should -Be 'sip.acme.contoso.net.' -Because 'the delegation itself stays'
    }

    It 'issues the XMPP certificate with its wildcard, the name and its wildcard holding two values at one TXT name' {
        if ($Dns01Missing) { Set-ItResult -Skipped -Because $Dns01Missing; return }
        $environment = Get-Dns01Environment $Pebble $Bind

        $result = Invoke-InChild -Environment $environment -Script {
            Request-CsCertificate -New -Type XmppServer -ComputerFqdn atl-edge-001 -DomainName litwareinc.com -CA $env:CSCERTIFICATE_TEST_CA `
                -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) -AcmeChallenge Dns01 -DnsServer $env:CSCERTIFICATE_TEST_DNS -DnsKeyPath $env:CSCERTIFICATE_TEST_KEY -Verbose
        }

        $result.Errors | Should -BeNullOrEmpty
        $result.Output[0].RequestStatus | Should -Be 'Issued'
        $result.Output[0].AlternativeNames | Should -Contain '*.litwareinc.com'
        $result.Output[0].AlternativeNames | Should -Contain 'litwareinc.com'
        $result.Output[0].AlternativeNames | Should -Contain 'xmpp.litwareinc.com'
        @($result.Verbose -match 'Answering the dns-01 challenge for "\*\.litwareinc\.com"') | Should -HaveCount 1
        @($result.Verbose -match 'Answering the dns-01 challenge for "litwareinc\.com"') | Should -HaveCount 1
    }

    It 'refuses a wildcard with http-01 before a key is generated, naming -AcmeChallenge Dns01' {
        if ($Dns01Missing) { Set-ItResult -Skipped -Because $Dns01Missing; return }
        $environment = Get-Dns01Environment $Pebble $Bind

        $result = Invoke-InChild -Environment $environment -Script {
            Request-CsCertificate -New -Type XmppServer -ComputerFqdn atl-edge-001 -CA $env:CSCERTIFICATE_TEST_CA -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator)
        }

        $result.Errors[0].Id | Should -Be "AcmeWildcardNeedsDns01$FullyQualifiedSuffix"
        $result.Errors[0].Message | Should -Match '-AcmeChallenge Dns01'
        Get-WrittenFile (Join-Path $environment.CSCERTIFICATE_HOME 'keys') | Should -BeNullOrEmpty
    }

    It 'answers through -DnsScript, run in the session with -Action Add and Remove, -Name and -Value (a script calling nsupdate)' {
        if ($Dns01Missing) { Set-ItResult -Skipped -Because $Dns01Missing; return }
        $script = New-NsUpdateScript
        Remove-Item (Join-Path $TestDrive 'script-calls.txt') -ErrorAction SilentlyContinue
        $environment = Get-Dns01Environment $Pebble $Bind @{ CSCERTIFICATE_DNS_RESOLVER = $Bind.Server; CSCERTIFICATE_TEST_SCRIPT = $script }

        $result = Invoke-InChild -Environment $environment -Script {
            # A variable of the session: the script runs in it.
            $SessionMarker = $true
            Request-CsCertificate -New -Type Default, WebServicesInternal -ComputerFqdn atl-cs-001.litwareinc.com -CA $env:CSCERTIFICATE_TEST_CA `
                -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) -AcmeChallenge Dns01 -DnsScript $env:CSCERTIFICATE_TEST_SCRIPT -Verbose
        }

        $result.Errors | Should -BeNullOrEmpty
        $result.Output[0].RequestStatus | Should -Be 'Issued'
        $calls = @(Get-Content (Join-Path $TestDrive 'script-calls.txt'))
        $names = @($result.Output[0].AlternativeNames).Count
        @($calls -match '^Add _acme-challenge\.\S+ \S{43} True$') | Should -HaveCount $names
        @($calls -match '^Remove _acme-challenge\.\S+ \S{43} True$') | Should -HaveCount $names
        $result.Verbose -join "`n" | Should -Match 'The -DnsScript says: nsupdate: Add _acme-challenge\.'
        (Get-StoredRecord $environment.CSCERTIFICATE_HOME).dnsScript | Should -Be $script
    }

    It 'reports a -DnsScript that fails with DnsScriptFailed, naming the script and the action' {
        if ($Dns01Missing) { Set-ItResult -Skipped -Because $Dns01Missing; return }
        $script = Join-Path $TestDrive 'Fail-AcmeTxt.ps1'
        Set-Content -Path $script -Value "param(`$Action, `$Name, `$Value)`nif (`$Action -eq 'Add') { throw 'the DNS provider said no' }"
        $environment = Get-Dns01Environment $Pebble $Bind @{ CSCERTIFICATE_DNS_RESOLVER = $Bind.Server; CSCERTIFICATE_TEST_SCRIPT = $script }

        $result = Invoke-InChild -Environment $environment -Script {
            Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -CA $env:CSCERTIFICATE_TEST_CA `
                -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) -AcmeChallenge Dns01 -DnsScript $env:CSCERTIFICATE_TEST_SCRIPT
        }

        $result.Errors[0].Id | Should -Be "DnsScriptFailed$FullyQualifiedSuffix"
        $result.Errors[0].Message | Should -Match ([regex]::Escape("-DnsScript `"$script`" failed with -Action Add -Name _acme-challenge.atl-cs-001.litwareinc.com: the DNS provider said no"))
    }

    It 'still answers http-01 with real validation' {
        if ($Dns01Missing) { Set-ItResult -Skipped -Because $Dns01Missing; return }
        $result = Invoke-InChild -Environment (Get-Dns01Environment $Pebble $Bind) -Script {
            Request-CsCertificate -New -Type Default, WebServicesInternal, WebServicesExternal -ComputerFqdn atl-cs-001.litwareinc.com `
                -CA $env:CSCERTIFICATE_TEST_CA -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) -Verbose
        }

        $result.Errors | Should -BeNullOrEmpty
        $result.Output[0].RequestStatus | Should -Be 'Issued'
        $result.Verbose -join "`n" | Should -Match 'Answering http-01 challenges on 127\.0\.0\.1 port'
    }

    It 'removes the records when the order fails: the CA looks at another server than the one updated' {
        if ($Dns01Missing) { Set-ItResult -Skipped -Because $Dns01Missing; return }
        # A server of the same zones that pebble never asks: the records are added there, and the CA finds none.
        $hidden = Start-TestBind -Folder (Join-Path $TestDrive 'bind-hidden')
        try {
            $environment = Get-Dns01Environment $Pebble $hidden

            $result = Invoke-InChild -Environment $environment -Script $NewDns01Request

            $result.Errors[0].Id | Should -Be "CaDenied$FullyQualifiedSuffix"
            $result.Errors[0].Message | Should -Match 'TXT'
            $result.Verbose -join "`n" | Should -Match 'Removing the dns-01 TXT records of the zone "litwareinc\.com"'
            Get-AcmeChallengeRecord $hidden | Should -BeNullOrEmpty -Because 'the records are removed after a failed order too'
        }
        finally {
            Stop-TestBind $hidden
        }
    }
}

Describe 'ACME dns-01 without -DnsServer: the updates go to the zone''s primary' {
    BeforeAll {
        # The primary is found as the SOA record's MNAME, and updates go to its port 53: so BIND must serve 127.0.0.1
        # port 53, which needs that port free and the right to open it.
        $script:Port53Missing = $null
        if (-not $Dns01Missing) {
            $udp = $tcp = $null
            try {
                $udp = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Loopback, 53))
                $tcp = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 53)
                $tcp.Start()
            }
            catch {
                $script:Port53Missing = "BIND cannot serve 127.0.0.1 port 53, where updates to a zone's primary go ($($_.Exception.GetBaseException().Message)); run as root with the port free."
            }
            finally {
                if ($tcp) { $tcp.Stop() }
                if ($udp) { $udp.Dispose() }
            }
        }
        $script:PrimaryMissing = if ($Dns01Missing) { $Dns01Missing } else { $Port53Missing }
        if ($PrimaryMissing) { return }
        # Every zone names localhost as its primary, as a zone names ns1.<domain>: a name the system resolves.
        $script:Bind = Start-TestBind -Folder (Join-Path $TestDrive 'bind-primary') -Port 53 -Primary 'localhost.'
        $script:Pebble = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble-primary') -RealValidation -DnsServer $Bind.Server
    }

    AfterAll {
        if ($script:Pebble) { Stop-TestPebble $script:Pebble }
        if ($script:Bind) { Stop-TestBind $script:Bind }
    }

    It 'finds the primary from the SOA record and issues with -DnsKeyPath alone, leaving no record behind' {
        if ($PrimaryMissing) { Set-ItResult -Skipped -Because $PrimaryMissing; return }
        # The resolver that knows the test zones stands for the system's, which does not.
        $environment = Get-Dns01Environment $Pebble $Bind @{ CSCERTIFICATE_DNS_RESOLVER = $Bind.Server }

        $result = Invoke-InChild -Environment $environment -Script {
            Request-CsCertificate -New -Type Default, WebServicesInternal, WebServicesExternal -ComputerFqdn atl-cs-001.litwareinc.com `
                -CA $env:CSCERTIFICATE_TEST_CA -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) `
                -AcmeChallenge Dns01 -DnsKeyPath $env:CSCERTIFICATE_TEST_KEY -Verbose
        }

        $result.Errors | Should -BeNullOrEmpty
        $result.Output[0].RequestStatus | Should -Be 'Issued'
        $verbose = $result.Verbose -join "`n"
        $verbose | Should -Match 'is in the zone "litwareinc\.com"; its updates go to localhost\.'
        $verbose | Should -Match 'is in the zone "fabrikam\.com"; its updates go to localhost\.'
        (Get-StoredRecord $environment.CSCERTIFICATE_HOME).dnsKeyPath | Should -Be $Bind.KeyFile
        Get-AcmeChallengeRecord $Bind | Should -BeNullOrEmpty -Because 'no _acme-challenge record stays behind'
    }
}

Describe 'ACME dns-01 when a command ends early' {
    BeforeAll {
        if ($Dns01Missing) { return }
        $script:Bind = Start-TestBind -Folder (Join-Path $TestDrive 'bind-slow')
        # A CA that waits up to 20 s before each validation, so that a command is still waiting when it is stopped.
        $script:Slow = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble-dns01-slow') -RealValidation -DnsServer $Bind.Server -VaSleep 20
    }

    AfterAll {
        if ($script:Slow) { Stop-TestPebble $script:Slow }
        if ($script:Bind) { Stop-TestBind $script:Bind }
    }

    It 'removes its records at Ctrl+C and keeps the request Pending (<Way>)' -ForEach @(
        @{ Way = 'RFC 2136' }
        @{ Way = 'DnsScript' }
    ) {
        if ($Dns01Missing) { Set-ItResult -Skipped -Because $Dns01Missing; return }
        $environment = Get-Dns01Environment $Slow $Bind @{ CSCERTIFICATE_ACME_WAIT = '120'; CSCERTIFICATE_DNS_RESOLVER = $Bind.Server; CSCERTIFICATE_TEST_WAY = $Way
            CSCERTIFICATE_TEST_SCRIPT = (New-NsUpdateScript) }

        $result = Invoke-InChild -Environment $environment -Script {
            $shell = [powershell]::Create()
            $null = $shell.AddScript({
                    param($Manifest)
                    Import-Module $Manifest
                    $dns = if ($env:CSCERTIFICATE_TEST_WAY -eq 'DnsScript') { @{ DnsScript = $env:CSCERTIFICATE_TEST_SCRIPT } } else { @{ DnsServer = $env:CSCERTIFICATE_TEST_DNS; DnsKeyPath = $env:CSCERTIFICATE_TEST_KEY } }
                    Request-CsCertificate -New -Type Default, WebServicesInternal, WebServicesExternal -ComputerFqdn atl-cs-001.litwareinc.com `
                        -CA $env:CSCERTIFICATE_TEST_CA -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) -AcmeChallenge Dns01 @dns -Verbose
                }).AddArgument($ModuleManifest)
            $running = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(90)
            while (-not ($shell.Streams.Verbose.Message -match 'Answering the dns-01 challenge') -and -not $running.IsCompleted -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
            $shell.Stop()
            [pscustomobject]@{ State = "$($shell.InvocationStateInfo.State)"; Answering = @($shell.Streams.Verbose.Message -match 'Answering the dns-01 challenge').Count }
        }

        $result.Errors | Should -BeNullOrEmpty
        $result.Output[0].Answering | Should -BeGreaterThan 0 -Because 'the command was waiting for the CA when it was stopped'
        $result.Output[0].State | Should -Be 'Stopped'
        Get-AcmeChallengeRecord $Bind | Should -BeNullOrEmpty -Because 'Ctrl+C removes the records too'
        (Get-StoredRecord $environment.CSCERTIFICATE_HOME).status | Should -Be 'Pending'
    }

    It 'removes what a killed command left in DNS when -Retrieve resumes the order, and completes it' {
        if ($Dns01Missing) { Set-ItResult -Skipped -Because $Dns01Missing; return }
        $environment = Get-Dns01Environment $Slow $Bind @{ CSCERTIFICATE_ACME_WAIT = '120' }
        $worker = Start-ModuleProcess -Environment $environment -Script $NewDns01Request
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(90)
            do { Start-Sleep -Milliseconds 100; $left = @(Get-AcmeChallengeRecord $Bind) } until ($left.Count -ge 8 -or $worker.HasExited -or [DateTime]::UtcNow -gt $deadline)
            $worker.Kill()
            $worker.WaitForExit(5000) | Out-Null
        }
        finally {
            if (-not $worker.HasExited) { $worker.Kill() }
        }
        $left.Count | Should -BeGreaterOrEqual 8 -Because "the killed command had added its records ($(Get-Content -Raw $worker.ErrorFile))"
        @(Get-AcmeChallengeRecord $Bind) | Should -Not -BeNullOrEmpty -Because 'a killed command removes nothing'

        $result = Invoke-InChild -Environment $environment -Script { Request-CsCertificate -Retrieve -RequestId 1 -Verbose }

        $result.Errors | Should -BeNullOrEmpty
        $result.Output[0].RequestStatus | Should -Be 'Issued'
        # Records of challenges still to validate are kept (the CA may be checking them now), the others removed.
        $result.Verbose -join "`n" | Should -Match '(Keeping|Removing) \d+ dns-01 TXT records that an earlier command left in DNS for request 1'
        Get-AcmeChallengeRecord $Bind | Should -BeNullOrEmpty
    }
}
