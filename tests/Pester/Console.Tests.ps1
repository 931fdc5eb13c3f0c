# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# What PowerShell users see and type: table and list views, tab completion, the verbose story, the pipeline.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }
}

Describe 'Views' {
    BeforeAll {
        $dataHome = New-TestHome
        $script:Request = Request-CsCertificate -New -Type Default, WebServicesInternal -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology `
            -Output (Join-Path $TestDrive 'views.csr') -KeyAlg ECDH_P256
    }

    It 'shows stored requests as a table of RequestId, Status, Use, Subject, Expires and CA' {
        $table = Request-CsCertificate -List | Out-String -Width 200
        $table | Should -Match 'RequestId\s+Status\s+Use\s+Subject\s+Expires\s+CA'
        $table | Should -Match "$($Request.RequestId)\s+Offline\s+Default,WebServicesInternal\s+CN=atl-cs-001\.litwareinc\.com\s+\(offline\)"
    }

    It 'shows a request reference as the same table, and as a list in the original order with readable names' {
        $Request | Out-String -Width 200 | Should -Match 'RequestId\s+Status\s+Use\s+Subject\s+CA'
        $list = $Request | Format-List | Out-String -Width 300
        $list | Should -Match '(?s)Issuer.*NotAfter.*NotBefore.*SerialNumber.*Subject.*AlternativeNames.*Thumbprint.*EffectiveDate.*PreviousThumbprint.*UpdateTime.*Use.*SourceScope.*RequestId.*RequestStatus.*CA.*FriendlyName.*Path'
        $list | Should -Match 'AlternativeNames\s*:\s*atl-cs-001\.litwareinc\.com, dialin\.litwareinc\.com'
        $list | Should -Match 'Use\s*:\s*Default,WebServicesInternal'
    }

    It 'shows a stored request as a list with its names' {
        Request-CsCertificate -List | Format-List | Out-String -Width 300 | Should -Match 'CertificateUses\s*:\s*Default,WebServicesInternal'
    }
}

Describe 'Tab completion' {
    BeforeAll {
        $dataHome = New-TestHome
        $script:Stored = Request-CsCertificate -New -Type WebServicesExternal -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology `
            -Output (Join-Path $TestDrive 'complete.csr') -KeyAlg ECDH_P256 -WarningAction SilentlyContinue
    }

    It 'completes -Type and -KeyAlg with their values' {
        (Get-Completion 'Request-CsCertificate -New -Type WebServices').CompletionText | Sort-Object | Should -Be @('WebServicesExternal', 'WebServicesInternal')
        (Get-Completion 'Request-CsCertificate -New -KeyAlg ECDH').CompletionText | Should -Be @('ECDH_P256', 'ECDH_P384', 'ECDH_P521')
    }

    It 'completes -RequestId from the store, with the uses and status as the tooltip' {
        $matches = Get-Completion 'Request-CsCertificate -Clear -RequestId '
        $match = $matches | Where-Object CompletionText -eq "$($Stored.RequestId)"
        $match | Should -Not -BeNullOrEmpty
        $match.ToolTip | Should -Match 'Offline'
        $match.ToolTip | Should -Match 'WebServicesExternal'
    }

    It 'completes the -RequestId of Update-CsCertificate with the Issued requests only' {
        (Get-Completion 'Update-CsCertificate -RequestId ').CompletionText | Should -Not -Contain "$($Stored.RequestId)" -Because 'an offline request is not renewed'
        $issued = Request-CsCertificate -New -Type WebServicesExternal -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology `
            -Output (Join-Path $TestDrive 'complete-issued.csr') -KeyAlg ECDH_P256 -WarningAction SilentlyContinue
        # As Import-CsCertificate leaves a record, without a certificate in this process's store.
        $record = Join-Path $dataHome ('requests/{0:D6}.json' -f $issued.RequestId)
        (Get-Content -Raw $record).Replace('"status": "Offline",', '"status": "Issued", "notBefore": "2026-01-01T00:00:00.0000000Z", "notAfter": "2026-04-01T00:00:00.0000000Z",') | Set-Content -Path $record -NoNewline

        $matches = Get-Completion 'Update-CsCertificate -RequestId '

        $matches.CompletionText | Should -Be @("$($issued.RequestId)")
        $matches[0].ToolTip | Should -Match 'Issued'
    }

    It 'completes -ComputerFqdn from the topology given with -TopologyPath' {
        $line = "Request-CsCertificate -New -Type Default -TopologyPath '$($LitwareTopology[0])' -ComputerFqdn atl-"
        $matches = Get-Completion $line
        $matches.CompletionText | Should -Be @('atl-cs-001.litwareinc.com', 'atl-edge-001.litwareinc.com')
        ($matches | Where-Object CompletionText -eq 'atl-edge-001.litwareinc.com').ToolTip | Should -Match 'Edge'
    }

    It 'completes -TopologyPath and -Output as paths' {
        Push-Location $RepositoryRoot
        try {
            (Get-Completion 'Request-CsCertificate -New -Type Default -TopologyPath ./docs/examples/litwareinc-t').CompletionText | Should -Match 'litwareinc-topology\.xml'
            (Get-Completion 'Request-CsCertificate -New -Type Default -Output ./docs/exam').CompletionText | Should -Match 'examples'
        }
        finally {
            Pop-Location
        }
    }
}

Describe 'The verbose story' {
    It 'tells where the topology came from, what was found, the names and why, the key and the store' {
        $dataHome = New-TestHome
        $story = Request-CsCertificate -New -Type Default, WebServicesInternal -ComputerFqdn atl-cs-001 -TopologyPath $LitwareTopology `
            -Output (Join-Path $TestDrive 'story.csr') -KeyAlg ECDH_P256 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $text = $story -join "`n"
        $text | Should -Match 'Data folder'
        $text | Should -Match 'Topology source: -TopologyPath'
        $text | Should -Match 'Computer "atl-cs-001.litwareinc.com" is in pool "atl-cs-001.litwareinc.com", a Front End pool'
        $text | Should -Match 'WebServicesInternal: Subject name "atl-cs-001.litwareinc.com"; alternative names: '
        $text | Should -Match 'Generating the key \(ECDH_P256\)'
        $text | Should -Match 'Stored as request \d+; its private key is in'
    }
}

Describe 'Progress' {
    It 'reports key generation and is quiet when $ProgressPreference says so' {
        $dataHome = New-TestHome
        $run = {
            param([string] $Preference)
            $shell = [powershell]::Create()
            try {
                $null = $shell.AddScript('param($m, $p) $ProgressPreference = $p; Import-Module $m').AddArgument($ModuleManifest).AddArgument($Preference).Invoke()
                $shell.Commands.Clear()
                $null = $shell.AddScript('param($t, $o) Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $t -Output $o -KeySize 4096').
                    AddArgument($LitwareTopology).AddArgument((Join-Path $TestDrive "progress-$Preference.csr")).Invoke()
                @($shell.Streams.Progress)
            }
            finally {
                $shell.Dispose()
            }
        }

        $shown = & $run 'Continue'
        $quiet = & $run 'SilentlyContinue'

        @($shown | Where-Object { $_.Activity -eq 'Generating the private key' -and $_.StatusDescription -eq 'RSA 4096' }) | Should -Not -BeNullOrEmpty
        @($shown | Where-Object RecordType -eq 'Completed') | Should -Not -BeNullOrEmpty
        $quiet | Should -BeNullOrEmpty
    }
}
