# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# The files the module writes (-Output, -Report and its XML twin) never destroy something else: devices, FIFOs,
# sockets and folders are refused with or without -Force, a symbolic link is followed to the file it names (and
# stays a link), no output is an input or another output, and an existing report needs -Force. The inputs: a
# topology path must be a regular file, and relative data folder and topology variables follow PowerShell's
# location.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    # Runs a command and returns the error that stopped it (or its first non-terminating error).
    function Get-CommandError([scriptblock] $Command) {
        $written = $null
        try { & $Command -ErrorVariable written | Out-Null } catch { return $_ }
        return $written | Select-Object -First 1
    }

    # Copies the example topology into a folder of the test, so that a refused write could only harm the copy.
    function Copy-Topology([string] $Folder) {
        New-Item -ItemType Directory -Path $Folder -Force | Out-Null
        $LitwareTopology | ForEach-Object { Copy-Item $_ -Destination $Folder }
        return @($LitwareTopology | ForEach-Object { Join-Path $Folder (Split-Path $_ -Leaf) })
    }

    $script:NewArguments = @{ New = $true; Type = 'Default'; ComputerFqdn = 'atl-cs-001.litwareinc.com'; TopologyPath = $LitwareTopology }
    $script:RequestSuffix = $FullyQualifiedSuffix
    $script:ImportSuffix = ',CsCertificate.Commands.ImportCsCertificateCommand'
}

Describe 'Files the module writes' {
    BeforeEach {
        $dataHome = New-TestHome
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $folder | Out-Null
    }

    Context '-Output and -Report that are not regular files' {
        It 'refuses a <Kind> as -<Parameter> (-Force: <Force>) and leaves it a <Kind>' -ForEach @(
            foreach ($kind in 'character device', 'fifo', 'socket', 'directory') {
                foreach ($force in $false, $true) {
                    @{ Kind = $kind; Parameter = 'Output'; Force = $force; ErrorId = 'OutputNotRegularFile' }
                    @{ Kind = $kind; Parameter = 'Report'; Force = $force; ErrorId = 'ReportNotRegularFile' }
                }
            }
        ) {
            $special = Join-Path $folder 'special'
            $cannot = New-SpecialFile $special $Kind
            if ($cannot) { Set-ItResult -Skipped -Because $cannot; return }
            $arguments = $NewArguments.Clone()
            $arguments.Output = Join-Path $folder 'request.csr'
            $arguments[$Parameter] = $special

            $errorRecord = Get-CommandError { Request-CsCertificate @arguments -Force:$Force -ErrorAction Stop }

            $errorRecord.FullyQualifiedErrorId | Should -Be "$ErrorId$RequestSuffix"
            $errorRecord.Exception.Message | Should -Match ([regex]::Escape($special))
            Get-FileKind $special | Should -Be $Kind
            Get-WrittenFile $dataHome | Should -BeNullOrEmpty -Because 'no key and no record are written'
            @(Get-ChildItem -LiteralPath $folder -Force).Name | Should -Be @('special') -Because 'no request file, report or temporary file is left'
        }

        It 'refuses a link that leads to a <Kind> and leaves both as they were' -ForEach @(
            @{ Kind = 'character device' }, @{ Kind = 'fifo' }
        ) {
            $special = Join-Path $folder 'special'
            $cannot = New-SpecialFile $special $Kind
            if ($cannot) { Set-ItResult -Skipped -Because $cannot; return }
            $link = Join-Path $folder 'request.csr'
            New-SymbolicLink $link 'special' | Should -BeNullOrEmpty

            $errorRecord = Get-CommandError { Request-CsCertificate @NewArguments -Output $link -Force -ErrorAction Stop }

            $errorRecord.FullyQualifiedErrorId | Should -Be "OutputNotRegularFile$RequestSuffix"
            Get-FileKind $special | Should -Be $Kind
            Get-FileKind $link | Should -Be 'link'
            Get-WrittenFile $dataHome | Should -BeNullOrEmpty
        }

        It 'refuses the null device of Windows as -Output' {
            if (-not $IsWindows) { Set-ItResult -Skipped -Because 'NUL is a Windows device name'; return }

            $errorRecord = Get-CommandError { Request-CsCertificate @NewArguments -Output (Join-Path $folder 'NUL') -Force -ErrorAction Stop }

            $errorRecord.FullyQualifiedErrorId | Should -Be "OutputNotRegularFile$RequestSuffix"
            Get-WrittenFile $dataHome | Should -BeNullOrEmpty
        }
    }

    Context 'symbolic links' {
        It 'writes -Output through <Case>, and the link stays a link' -ForEach @(
            @{ Case = 'an absolute link'; Links = { param($f) @{ (Join-Path $f 'request.csr') = (Join-Path $f 'target.csr') } } }
            @{ Case = 'a chain of relative links'; Links = { param($f) [ordered]@{ (Join-Path $f 'request.csr') = 'one.csr'; (Join-Path $f 'one.csr') = 'sub/two.csr'; (Join-Path $f 'sub/two.csr') = '../target.csr' } } }
            @{ Case = 'a relative link to an absolute link'; Links = { param($f) [ordered]@{ (Join-Path $f 'request.csr') = 'sub/abs.csr'; (Join-Path $f 'sub/abs.csr') = (Join-Path $f 'target.csr') } } }
        ) {
            New-Item -ItemType Directory -Path (Join-Path $folder 'sub') | Out-Null
            $target = Join-Path $folder 'target.csr'
            Set-Content -LiteralPath $target -Value 'old request'
            $links = & $Links $folder
            foreach ($link in $links.Keys) {
                $cannot = New-SymbolicLink $link $links[$link]
                if ($cannot) { Set-ItResult -Skipped -Because $cannot; return }
            }
            $request = Join-Path $folder 'request.csr'

            $result = Request-CsCertificate @NewArguments -Output $request -Force

            foreach ($link in $links.Keys) {
                Get-FileKind $link | Should -Be 'link'
                Get-SymbolicLinkTarget $link | Should -Be $links[$link]
            }
            Get-FileKind $target | Should -Be 'file'
            Get-Content -Raw -LiteralPath $target | Should -Match '^-----BEGIN CERTIFICATE REQUEST-----'
            $result.Path | Should -Be $request
            @(Get-ChildItem -LiteralPath $folder -Recurse -Force -Filter '*.tmp') | Should -BeNullOrEmpty -Because 'no temporary file is left'
        }

        It 'creates the missing file a link names' {
            $request = Join-Path $folder 'request.csr'
            $cannot = New-SymbolicLink $request 'target.csr'
            if ($cannot) { Set-ItResult -Skipped -Because $cannot; return }

            Request-CsCertificate @NewArguments -Output $request | Out-Null

            Get-FileKind $request | Should -Be 'link'
            Get-Content -Raw -LiteralPath (Join-Path $folder 'target.csr') | Should -Match '^-----BEGIN CERTIFICATE REQUEST-----'
        }

        It 'needs -Force when the file a link names exists' {
            $target = Join-Path $folder 'target.csr'
            Set-Content -LiteralPath $target -Value 'old request'
            $request = Join-Path $folder 'request.csr'
            $cannot = New-SymbolicLink $request $target
            if ($cannot) { Set-ItResult -Skipped -Because $cannot; return }

            $errorRecord = Get-CommandError { Request-CsCertificate @NewArguments -Output $request -ErrorAction Stop }

            $errorRecord.FullyQualifiedErrorId | Should -Be "OutputExists$RequestSuffix"
            Get-Content -Raw -LiteralPath $target | Should -Be "old request$([Environment]::NewLine)"
            Get-WrittenFile $dataHome | Should -BeNullOrEmpty
        }

        It 'writes -Report and its XML twin through links, and the links stay' {
            foreach ($name in 'report.html', 'report.xml') {
                $cannot = New-SymbolicLink (Join-Path $folder $name) "real-$name"
                if ($cannot) { Set-ItResult -Skipped -Because $cannot; return }
            }

            Request-CsCertificate @NewArguments -Output (Join-Path $folder 'request.csr') -Report (Join-Path $folder 'report.html') | Out-Null

            Get-FileKind (Join-Path $folder 'report.html') | Should -Be 'link'
            Get-FileKind (Join-Path $folder 'report.xml') | Should -Be 'link'
            Get-Content -Raw -LiteralPath (Join-Path $folder 'real-report.html') | Should -Match '<html>'
            ([xml](Get-Content -Raw -LiteralPath (Join-Path $folder 'real-report.xml'))).CsMgmtLog | Should -Not -BeNullOrEmpty
        }
    }

    Context 'an existing report' {
        It 'needs -Force to replace an existing <Which>' -ForEach @(
            @{ Which = 'HTML report'; Name = 'report.html' }, @{ Which = 'XML twin'; Name = 'report.xml' }
        ) {
            $existing = Join-Path $folder $Name
            Set-Content -LiteralPath $existing -Value 'keep me'
            $report = Join-Path $folder 'report.html'

            $errorRecord = Get-CommandError { Request-CsCertificate @NewArguments -Output (Join-Path $folder 'request.csr') -Report $report -ErrorAction Stop }

            $errorRecord.FullyQualifiedErrorId | Should -Be "ReportExists$RequestSuffix"
            Get-Content -Raw -LiteralPath $existing | Should -Be "keep me$([Environment]::NewLine)"
            Join-Path $folder 'request.csr' | Should -Not -Exist
            Get-WrittenFile $dataHome | Should -BeNullOrEmpty

            Request-CsCertificate @NewArguments -Output (Join-Path $folder 'request.csr') -Report $report -Force | Out-Null
            Get-Content -Raw -LiteralPath $existing | Should -Not -Match 'keep me'
        }

        It 'needs -Force for -List and for Import-CsCertificate too' {
            $report = Join-Path $folder 'report.html'
            Set-Content -LiteralPath $report -Value 'keep me'

            (Get-CommandError { Request-CsCertificate -List -Report $report -ErrorAction Stop }).FullyQualifiedErrorId | Should -Be "ReportExists$RequestSuffix"
            (Get-CommandError { Import-CsCertificate -Path (Join-Path $folder 'none.cer') -Report $report -ErrorAction Stop }).FullyQualifiedErrorId | Should -Be "ReportExists$ImportSuffix"
            Get-Content -Raw -LiteralPath $report | Should -Be "keep me$([Environment]::NewLine)"
        }
    }

    Context 'outputs that are inputs or other outputs' {
        It 'refuses <Case>, and the topology is unchanged' -ForEach @(
            @{ Case = 'a report whose XML twin is the topology'; Output = 'request.csr'; Report = 'litwareinc-topology.html' }
            @{ Case = 'a report that is the topology'; Output = 'request.csr'; Report = 'litwareinc-topology.xml' }
            @{ Case = '-Output that is the topology'; Output = 'litwareinc-topology.xml' }
            @{ Case = '-Output that is the simple URL document'; Output = 'litwareinc-simpleurls.xml' }
            @{ Case = '-Output and -Report that are the same file'; Output = 'same.html'; Report = 'same.html' }
            @{ Case = '-Output that is the XML twin of -Report'; Output = 'same.xml'; Report = 'same.html' }
        ) {
            $topology = Copy-Topology $folder
            $before = $topology | ForEach-Object { Get-FileHash -LiteralPath $_ }
            $arguments = $NewArguments.Clone()
            $arguments.TopologyPath = $topology
            $arguments.Output = Join-Path $folder $Output
            if ($Report) { $arguments.Report = Join-Path $folder $Report }

            $errorRecord = Get-CommandError { Request-CsCertificate @arguments -Force -ErrorAction Stop }

            $errorRecord.FullyQualifiedErrorId | Should -Be "PathConflict$RequestSuffix"
            ($topology | ForEach-Object { Get-FileHash -LiteralPath $_ }).Hash | Should -Be $before.Hash
            @(Get-ChildItem -LiteralPath $folder -Force).Count | Should -Be $topology.Count -Because 'nothing else was written'
            Get-WrittenFile $dataHome | Should -BeNullOrEmpty
        }

        It 'refuses -Output that is a link to the topology' {
            $topology = Copy-Topology $folder
            $link = Join-Path $folder 'request.csr'
            $cannot = New-SymbolicLink $link $topology[0]
            if ($cannot) { Set-ItResult -Skipped -Because $cannot; return }

            $errorRecord = Get-CommandError { Request-CsCertificate @NewArguments -TopologyPath $topology -Output $link -Force -ErrorAction Stop }

            $errorRecord.FullyQualifiedErrorId | Should -Be "PathConflict$RequestSuffix"
            Get-FileHash -LiteralPath $topology[0] | ForEach-Object Hash | Should -Be (Get-FileHash -LiteralPath $LitwareTopology[0]).Hash
        }

        It 'refuses -Output that differs from the topology only in case where the file system ignores case' {
            if (-not ($IsWindows -or $IsMacOS)) { Set-ItResult -Skipped -Because 'Linux file systems tell names apart by case'; return }
            $topology = Copy-Topology $folder

            $errorRecord = Get-CommandError { Request-CsCertificate @NewArguments -TopologyPath $topology -Output $topology[0].ToUpperInvariant() -Force -ErrorAction Stop }

            $errorRecord.FullyQualifiedErrorId | Should -Be "PathConflict$RequestSuffix"
        }

        It 'refuses a report on the topology that $env:CSCERTIFICATE_TOPOLOGY names' {
            $topology = Copy-Topology $folder
            $env:CSCERTIFICATE_TOPOLOGY = $topology -join [IO.Path]::PathSeparator
            try {
                $errorRecord = Get-CommandError {
                    Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -Output (Join-Path $folder 'r.csr') -Report ([IO.Path]::ChangeExtension($topology[1], '.html')) -Force -ErrorAction Stop
                }
            }
            finally { $env:CSCERTIFICATE_TOPOLOGY = $null }

            $errorRecord.FullyQualifiedErrorId | Should -Be "PathConflict$RequestSuffix"
            (Get-FileHash -LiteralPath $topology[1]).Hash | Should -Be (Get-FileHash -LiteralPath $LitwareTopology[1]).Hash
        }

        It 'refuses -Output on the topology of the data folder' {
            Copy-Item $LitwareTopology[0] -Destination (Join-Path $dataHome 'topology.xml')

            $errorRecord = Get-CommandError {
                Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -Output (Join-Path $dataHome 'topology.xml') -Force -ErrorAction Stop
            }

            $errorRecord.FullyQualifiedErrorId | Should -Be "PathConflict$RequestSuffix"
            (Get-FileHash -LiteralPath (Join-Path $dataHome 'topology.xml')).Hash | Should -Be (Get-FileHash -LiteralPath $LitwareTopology[0]).Hash
        }

        It 'refuses an Import-CsCertificate report whose XML twin is the certificate file' {
            $certificate = Join-Path $folder 'issued.xml'
            Set-Content -LiteralPath $certificate -Value 'not a certificate, but it must survive'

            $errorRecord = Get-CommandError { Import-CsCertificate -Path $certificate -Report (Join-Path $folder 'issued.html') -Force -ErrorAction Stop }

            $errorRecord.FullyQualifiedErrorId | Should -Be "PathConflict$ImportSuffix"
            Get-Content -Raw -LiteralPath $certificate | Should -Be "not a certificate, but it must survive$([Environment]::NewLine)"
            Join-Path $folder 'issued.html' | Should -Not -Exist
        }
    }

    Context 'PowerShell drives that hold no files' {
        It 'refuses -<Parameter> on the <Drive> drive' -ForEach @(
            @{ Parameter = 'Output'; Drive = 'Env'; Path = 'Env:\CSCERTIFICATE_TEST_OUTPUT'; ErrorId = 'OutputNotWritable' }
            @{ Parameter = 'Output'; Drive = 'Function'; Path = 'Function:\cscertificate-test-output'; ErrorId = 'OutputNotWritable' }
            @{ Parameter = 'Report'; Drive = 'Variable'; Path = 'Variable:\cscertificateTestReport'; ErrorId = 'ReportNotWritable' }
        ) {
            $arguments = $NewArguments.Clone()
            $arguments.Output = Join-Path $folder 'request.csr'
            $arguments[$Parameter] = $Path

            $errorRecord = Get-CommandError { Request-CsCertificate @arguments -ErrorAction Stop }

            $errorRecord.FullyQualifiedErrorId | Should -Be "$ErrorId$RequestSuffix"
            $errorRecord.Exception.Message | Should -Match 'file system drive'
            Test-Path $Path | Should -BeFalse
            Get-WrittenFile $dataHome | Should -BeNullOrEmpty
            @(Get-ChildItem -LiteralPath $folder -Force) | Should -BeNullOrEmpty
        }
    }
}

Describe 'Inputs' {
    BeforeEach {
        $dataHome = New-TestHome
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $folder | Out-Null
    }

    It 'refuses a -TopologyPath that is a <Kind>, without reading it' -ForEach @(@{ Kind = 'character device' }, @{ Kind = 'fifo' }, @{ Kind = 'directory' }) {
        $special = Join-Path $folder 'topology.xml'
        $cannot = New-SpecialFile $special $Kind
        if ($cannot) { Set-ItResult -Skipped -Because $cannot; return }
        # A writer that would feed the FIFO without end once someone opens it for reading.
        $writer = if ($Kind -eq 'fifo') { Start-Process -FilePath sh -ArgumentList "-c `"cat /dev/zero > '$special'`"" -PassThru }
        try {
            $errorRecord = Get-CommandError { Request-CsCertificate @NewArguments -TopologyPath $special -Output (Join-Path $folder 'r.csr') -ErrorAction Stop }
        }
        finally {
            if ($writer) { $writer | Stop-Process -Force -ErrorAction SilentlyContinue }
        }

        $errorRecord.FullyQualifiedErrorId | Should -Be "TopologyFileNotRegular$RequestSuffix"
        $errorRecord.Exception.Message | Should -Match ([regex]::Escape($special))
        Get-FileKind $special | Should -Be $Kind
        Get-WrittenFile $dataHome | Should -BeNullOrEmpty
    }

    It 'resolves a relative $env:CSCERTIFICATE_HOME and $env:CSCERTIFICATE_TOPOLOGY against the current location, and so do the completers' {
        Copy-Topology (Join-Path $folder 'topology') | Out-Null
        Push-Location $folder
        $saved = $env:CSCERTIFICATE_HOME
        try {
            [Environment]::CurrentDirectory | Should -Not -Be $folder -Because 'PowerShell does not move the process to its location'
            $env:CSCERTIFICATE_HOME = 'relative-home'
            $env:CSCERTIFICATE_TOPOLOGY = (Join-Path 'topology' 'litwareinc-topology.xml') + [IO.Path]::PathSeparator + (Join-Path 'topology' 'litwareinc-simpleurls.xml')

            $result = Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -Output ./r.csr
            $listed = Request-CsCertificate -List
            $line = 'Request-CsCertificate -Clear -RequestId '
            $ids = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $line = 'Request-CsCertificate -New -Type Default -ComputerFqdn atl-'
            $computers = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        }
        finally {
            $env:CSCERTIFICATE_HOME = $saved
            $env:CSCERTIFICATE_TOPOLOGY = $null
            Pop-Location
        }

        $result.RequestStatus | Should -Be 'Offline'
        @($listed).Count | Should -Be 1
        Join-Path $folder 'relative-home/requests' | Should -Exist
        Join-Path ([Environment]::CurrentDirectory) 'relative-home' | Should -Not -Exist
        $ids | Should -Be @("$($result.RequestId)")
        $computers | Should -Contain 'atl-cs-001.litwareinc.com'
    }
}
