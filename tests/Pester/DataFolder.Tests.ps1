# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# The data folder is a trust boundary: who owns it and who else can reach it, what the store writes whatever
# the umask, the key files a record names, a read-only or unwritable store, the last request id, and key files
# left without a request. Another user is the local user cscert-other (created here when missing; tests that need
# it run as root, as .ci/run does). A child PowerShell started through setpriv without any capability is root
# without the power to ignore file modes: it meets another user's store as an unprivileged user does.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    # Windows and macOS share their certificate stores with the tests: what these tests install is removed at the end.
    $script:StoreBefore = Get-StoreSnapshot
    . (Join-Path $PSScriptRoot 'Pebble.ps1')
    Import-Module $ModuleManifest -Force

    $script:ImportSuffix = ',CsCertificate.Commands.ImportCsCertificateCommand'
    $script:NotUnix = 'Unix owners and modes: on Windows, "The data folder on Windows" checks owner and access list with Get-Acl.'
    $script:NoOtherUser = if ($IsWindows) { $NotUnix }
    elseif ((id -u) -ne '0') { 'Another user''s files need root to make (useradd, chown, setpriv): run the tests as root, as .ci/run does.' }
    elseif (-not (Get-Command setpriv -ErrorAction SilentlyContinue) -or -not (Get-Command useradd -ErrorAction SilentlyContinue)) { 'setpriv and useradd (Debian''s util-linux and passwd) are needed to act as another user.' }
    else { $null }

    if (-not $NoOtherUser) {
        if (-not (getent passwd cscert-other)) { useradd -M -s /usr/sbin/nologin cscert-other 2>&1 | Out-Null }
        $script:OtherUid = "$(id -u cscert-other)".Trim()
    }

    # Runs a shell command as cscert-other and returns its exit code. The folders above the data folder are opened
    # to it first, whatever the umask the tests run under, so that only the data folder's own modes stop it.
    function Invoke-AsOtherUser([string] $DataHome, [string] $Command) {
        foreach ($parent in $TestDrive, (Split-Path $DataHome)) { [IO.File]::SetUnixFileMode($parent, [IO.UnixFileMode]0x1ED) }
        setpriv --reuid=cscert-other --regid=cscert-other --clear-groups -- sh -c $Command 2>$null | Out-Null
        $LASTEXITCODE
    }

    # Starts a child as root without capabilities (file modes apply to it), or with umask 000.
    $script:WithoutPrivileges = @('setpriv', '--bounding-set=-all', '--inh-caps=-all', '--')
    $script:Umask000 = @('sh', '-c', 'umask 000; exec "$0" "$@"')

    function Get-Mode([string] $Path) { [Convert]::ToString([int](Get-Item -Force -LiteralPath $Path).UnixFileMode, 8) }
    function Set-Mode([string] $Path, [string] $Mode) { [IO.File]::SetUnixFileMode($Path, [IO.UnixFileMode][Convert]::ToInt32($Mode, 8)) }

    # A data folder of its own in a folder of its own, so that "outside the store" is a sibling: <root>/home, <root>/outside.
    function New-IsolatedHome {
        $root = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $path = Join-Path $root 'home'
        New-Item -ItemType Directory -Path $path | Out-Null
        $env:CSCERTIFICATE_HOME = $path
        $path
    }

    function New-OfflineRequest([string] $Name = [guid]::NewGuid().ToString('N')) {
        Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology `
            -Output (Join-Path $TestDrive "$Name.csr") -KeyAlg ECDH_P256 -FriendlyName $Name
    }

    # What a child needs for an offline request, so that it runs the same command as the tests here.
    $script:NewInChild = {
        Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) `
            -Output $env:CSCERTIFICATE_TEST_OUTPUT -KeyAlg ECDH_P256 -Verbose
    }
    # Each command on its own, so that the second runs when the first is refused.
    $script:ListThenNew = [scriptblock]::Create("try { Request-CsCertificate -List } catch { `$_ }`ntry { $NewInChild } catch { `$_ }")
    function Get-ChildEnvironment([string] $DataHome) {
        @{ CSCERTIFICATE_HOME = $DataHome; CSCERTIFICATE_TEST_TOPOLOGY = ($LitwareTopology -join [IO.Path]::PathSeparator)
            CSCERTIFICATE_TEST_OUTPUT = (Join-Path $TestDrive "$([guid]::NewGuid().ToString('N')).csr"); HOME = (New-ChildHome) }
    }

    # Every folder of the data folder 700 and every file 600.
    function Assert-OwnerOnly([string] $DataHome) {
        Get-Mode $DataHome | Should -Be '700' -Because $DataHome
        foreach ($item in Get-ChildItem -LiteralPath $DataHome -Recurse -Force) {
            Get-Mode $item.FullName | Should -Be $(if ($item.PSIsContainer) { '700' } else { '600' }) -Because $item.FullName
        }
    }

    function Get-StoreFile([string] $DataHome) { @(Get-ChildItem -LiteralPath $DataHome -Recurse -Force -File | ForEach-Object FullName | Sort-Object) }
}

AfterAll {
    Remove-InstalledCertificate $StoreBefore
}

Describe 'The data folder on Linux and macOS' {
    It 'keeps every folder 0700 and every file 0600 under umask 000, in a data folder made beforehand with mode 0777' {
        if ($IsWindows) { Set-ItResult -Skipped -Because $NotUnix; return }
        $dataHome = New-IsolatedHome
        Set-Mode $dataHome '777'

        $result = Invoke-InChild -Through $Umask000 -Environment (Get-ChildEnvironment $dataHome) -Script $NewInChild

        $result.Errors | Should -BeNullOrEmpty
        $result.Verbose | Should -Contain "Restricted `"$dataHome`" so that no other user can reach it: it was 0777, it is now 0700."
        Assert-OwnerOnly $dataHome
    }

    It 'keeps the ACME account files 0600 under umask 000' {
        if ($IsWindows) { Set-ItResult -Skipped -Because $NotUnix; return }
        if ($PebbleMissing) { Set-ItResult -Skipped -Because $PebbleMissing; return }
        $pebble = Start-TestPebble -Folder (Join-Path $TestDrive 'pebble')
        try {
            $environment = Get-ChildEnvironment (New-IsolatedHome)
            foreach ($key in $pebble.Environment.Keys) { $environment[$key] = $pebble.Environment[$key] }
            $environment.CSCERTIFICATE_TEST_CA = $pebble.Directory

            $result = Invoke-InChild -Through $Umask000 -Environment $environment -Script {
                Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -CA $env:CSCERTIFICATE_TEST_CA `
                    -TopologyPath ($env:CSCERTIFICATE_TEST_TOPOLOGY -split [IO.Path]::PathSeparator) -KeyAlg ECDH_P256
            }

            $result.Errors | Should -BeNullOrEmpty
            $result.Output[0].RequestStatus | Should -Be 'Issued'
            @(Get-ChildItem (Join-Path $environment.CSCERTIFICATE_HOME 'acme') -Recurse -File).Name | Should -Contain 'account.json'
            Assert-OwnerOnly $environment.CSCERTIFICATE_HOME
        }
        finally {
            Stop-TestPebble $pebble
        }
    }

    It 'restricts what an earlier version left open to others, file by file, and says so in the verbose story' {
        if ($IsWindows) { Set-ItResult -Skipped -Because $NotUnix; return }
        $dataHome = New-IsolatedHome
        $request = New-OfflineRequest
        $record = Join-Path $dataHome ('requests/{0:D6}.json' -f $request.RequestId)
        Set-Mode (Join-Path $dataHome 'requests') '777'
        Set-Mode $record '666'
        Set-Mode (Join-Path $dataHome 'store.json') '644'

        $verbose = @(Request-CsCertificate -List -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)

        $verbose | Should -Contain "Restricted `"$(Join-Path $dataHome 'requests')`" so that no other user can reach it: it was 0777, it is now 0700."
        $verbose | Should -Contain "Restricted `"$record`" so that no other user can reach it: it was 0666, it is now 0600."
        $verbose | Should -Contain "Restricted `"$(Join-Path $dataHome 'store.json')`" so that no other user can reach it: it was 0644, it is now 0600."
        Assert-OwnerOnly $dataHome
    }

    It 'keeps another user from rewriting a record of a data folder made beforehand with mode 0777 under umask 000' {
        if ($NoOtherUser) { Set-ItResult -Skipped -Because $NoOtherUser; return }
        $dataHome = New-IsolatedHome
        Set-Mode $dataHome '777'
        $result = Invoke-InChild -Through $Umask000 -Environment (Get-ChildEnvironment $dataHome) -Script $NewInChild
        $result.Errors | Should -BeNullOrEmpty
        $record = Join-Path $dataHome 'requests/000001.json'
        $before = Get-Content -Raw $record

        Invoke-AsOtherUser $dataHome "printf '{`"schemaVersion`":1,`"requestId`":1,`"status`":`"Issued`",`"ca`":`"evil`"}' > '$record'" | Should -Not -Be 0
        Invoke-AsOtherUser $dataHome "printf '{}' > '$(Join-Path $dataHome 'requests/000002.json')'" | Should -Not -Be 0

        Get-Content -Raw $record | Should -Be $before
        $list = @(Request-CsCertificate -List)
        $list | Should -HaveCount 1
        $list[0].Status | Should -Be 'Offline'
    }

    It 'refuses another user''s <Mode> data folder at once, naming it and the fix, whoever asks' -ForEach @(@{ Mode = '755' }, @{ Mode = '700' }) {
        if ($NoOtherUser) { Set-ItResult -Skipped -Because $NoOtherUser; return }
        $dataHome = New-IsolatedHome
        New-OfflineRequest | Out-Null
        chown -R cscert-other $dataHome
        Set-Mode $dataHome $Mode
        $files = Get-StoreFile $dataHome

        foreach ($call in { Request-CsCertificate -List }, { New-OfflineRequest }, { Request-CsCertificate -Clear -RequestId 1 -Confirm:$false }) {
            $thrown = { & $call } | Should -Throw -ErrorId "StoreNotOwned$FullyQualifiedSuffix" -PassThru
            $thrown.Exception.Message | Should -Match ([regex]::Escape("`"$dataHome`" belongs to user id $OtherUid"))
            $thrown.Exception.Message | Should -Match ([regex]::Escape("chown -R root `"$dataHome`""))
            $thrown.Exception.Message | Should -Match 'CSCERTIFICATE_HOME'
        }
        { Import-CsCertificate -Path (Join-Path $TestDrive 'any.cer') } | Should -Throw -ErrorId "StoreNotOwned$ImportSuffix"

        # An unprivileged user met a raw UnauthorizedAccessException (0755) or an empty list (0700).
        $environment = Get-ChildEnvironment $dataHome
        $unprivileged = Invoke-InChild -Through $WithoutPrivileges -Environment $environment -Script $ListThenNew
        $unprivileged.Output | Should -BeNullOrEmpty
        @($unprivileged.Errors.Id) | Should -Be @("StoreNotOwned$FullyQualifiedSuffix", "StoreNotOwned$FullyQualifiedSuffix")
        Get-StoreFile $dataHome | Should -Be $files
        Get-Mode $dataHome | Should -Be $Mode
    }

    It 'refuses a record that another user wrote into a folder left open, until the user has dealt with it' {
        if ($NoOtherUser) { Set-ItResult -Skipped -Because $NoOtherUser; return }
        $dataHome = New-IsolatedHome
        New-OfflineRequest | Out-Null
        Set-Mode $dataHome '777'
        Set-Mode (Join-Path $dataHome 'requests') '777'
        $forged = Join-Path $dataHome 'requests/000002.json'
        Invoke-AsOtherUser $dataHome "printf '{`"schemaVersion`":1,`"requestId`":2,`"status`":`"Issued`"}' > '$forged'" | Should -Be 0

        foreach ($attempt in 1, 2) {
            $thrown = { Request-CsCertificate -List } | Should -Throw -ErrorId "StoreNotOwned$FullyQualifiedSuffix" -PassThru
            $thrown.Exception.Message | Should -Match ([regex]::Escape("`"$forged`" belongs to user id $OtherUid"))
        }

        Remove-Item -LiteralPath $forged -Force
        @(Request-CsCertificate -List) | Should -HaveCount 1
        Assert-OwnerOnly $dataHome
    }

    It 'reports a read-only data folder at once with its own error, and still lists it' {
        if ($NoOtherUser) { Set-ItResult -Skipped -Because $NoOtherUser; return }
        $source = New-IsolatedHome
        New-OfflineRequest | Out-Null
        $mounted = Join-Path (Split-Path $source) 'read-only'
        New-Item -ItemType Directory -Path $mounted | Out-Null
        mount --bind $source $mounted 2>$null
        if ($LASTEXITCODE -ne 0) { Set-ItResult -Skipped -Because 'A read-only bind mount needs mount and CAP_SYS_ADMIN, which this machine does not give.'; return }
        try {
            mount -o remount,bind,ro $mounted 2>$null
            $LASTEXITCODE | Should -Be 0
            $env:CSCERTIFICATE_HOME = $mounted

            $thrown = { New-OfflineRequest } | Should -Throw -ErrorId "StoreReadOnly$FullyQualifiedSuffix" -PassThru
            $thrown.Exception.Message | Should -Match ([regex]::Escape("`"$mounted`""))
            $thrown.Exception.Message | Should -Match 'read-only'
            Request-CsCertificate -Clear -RequestId 1 -Confirm:$false -ErrorVariable cleared -ErrorAction SilentlyContinue
            $cleared[0].FullyQualifiedErrorId | Should -Be "StoreReadOnly$FullyQualifiedSuffix"
            @(Request-CsCertificate -List) | Should -HaveCount 1
        }
        finally {
            umount $mounted
        }
    }

    It 'reports a data folder its user may not write at once, as permission denied' {
        if ($NoOtherUser) { Set-ItResult -Skipped -Because $NoOtherUser; return }
        $dataHome = New-IsolatedHome
        New-OfflineRequest | Out-Null
        Remove-Item -LiteralPath (Join-Path $dataHome '.lock') -Force
        foreach ($folder in 'requests', 'keys', 'tmp', '.') { Set-Mode (Join-Path $dataHome $folder) '500' }
        $files = Get-StoreFile $dataHome

        $result = Invoke-InChild -Through $WithoutPrivileges -Environment (Get-ChildEnvironment $dataHome) -Script $ListThenNew

        $result.Output | Should -HaveCount 1 -Because '-List only reads'
        $result.Errors | Should -HaveCount 1
        $result.Errors[0].Id | Should -Be "StorePermissionDenied$FullyQualifiedSuffix"
        $result.Errors[0].Message | Should -Match ([regex]::Escape("`"$dataHome`""))
        Get-StoreFile $dataHome | Should -Be $files
    }

    It 'sets aside a record whose key file is <Case>, and never reads, installs or deletes through it' -ForEach @(
        @{ Case = '../../outside/x.key'; KeyFile = '../../outside/x.key' }
        @{ Case = 'an absolute path'; KeyFile = '{OUTSIDE}' }
        @{ Case = 'a symbolic link out of keys/'; KeyFile = $null }
    ) {
        $dataHome = New-IsolatedHome
        $ca = Join-Path $TestDrive 'ca'
        if (-not (Test-Path (Join-Path $ca 'ca.pem'))) {
            New-Item -ItemType Directory -Path $ca -Force | Out-Null
            Invoke-OpenSsl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout (Join-Path $ca 'ca.key') -out (Join-Path $ca 'ca.pem') -days 30 -subj '/CN=Litware Test CA' | Out-Null
        }
        $request = New-OfflineRequest
        $certificate = Join-Path $TestDrive "$([guid]::NewGuid().ToString('N')).pem"
        Invoke-OpenSsl x509 -req -in $request.Path -CA (Join-Path $ca 'ca.pem') -CAkey (Join-Path $ca 'ca.key') -CAcreateserial -days 10 -copy_extensions copyall -out $certificate | Out-Null

        # The request's own key, moved outside the store: the record now leads the module to it.
        $outside = Join-Path (Split-Path $dataHome) 'outside/x.key'
        New-Item -ItemType Directory -Path (Split-Path $outside) | Out-Null
        $key = Join-Path $dataHome 'keys/000001.key'
        Move-Item -LiteralPath $key -Destination $outside
        $content = Get-Content -Raw $outside
        $recordPath = Join-Path $dataHome 'requests/000001.json'
        if ($KeyFile) {
            # A JSON string: the backslashes of a Windows path are escaped.
            $value = $KeyFile.Replace('{OUTSIDE}', $outside).Replace('\', '\\')
            $text = (Get-Content -Raw $recordPath) -replace '"keyFile":\s*"[^"]*"', "`"keyFile`": `"$($value.Replace('$', '$$'))`""
            Set-Content -LiteralPath $recordPath -Value $text -NoNewline
        }
        else {
            New-Item -ItemType SymbolicLink -Path $key -Target $outside | Out-Null
        }

        Request-CsCertificate -List -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -Be "StoreRecordUnsafe$FullyQualifiedSuffix"
        $problems[0].Exception.Message | Should -Match 'nothing it names was read or deleted'
        $recordPath | Should -Not -Exist
        Get-ChildItem (Join-Path $dataHome 'requests') -Filter '000001.json.corrupt-*' | Should -HaveCount 1

        $environment = Get-ChildEnvironment $dataHome
        $environment.CSCERTIFICATE_TEST_FILE = $certificate
        $import = Invoke-InChild -Environment $environment -Script { Import-CsCertificate -Path $env:CSCERTIFICATE_TEST_FILE }
        $import.Output | Should -BeNullOrEmpty
        $import.Errors[0].Id | Should -Be "CertificateNotRequested$ImportSuffix"
        Get-ChildStoreCertificate $environment.HOME | Should -BeNullOrEmpty
        Request-CsCertificate -Clear -Force
        Request-CsCertificate -Clear -OrphanedKey -Confirm:$false

        Get-Content -Raw $outside | Should -Be $content -Because 'the file outside the store is neither deleted nor changed'
    }

    It 'refuses to give out an id past 2147483647 and keeps the store as it was' {
        $dataHome = New-IsolatedHome
        New-OfflineRequest | Out-Null
        Set-Content -LiteralPath (Join-Path $dataHome 'store.json') -Value '{"schemaVersion":1,"lastRequestId":2147483647}'
        $files = Get-StoreFile $dataHome

        $thrown = { New-OfflineRequest } | Should -Throw -ErrorId "StoreIdsExhausted$FullyQualifiedSuffix" -PassThru

        $thrown.Exception.Message | Should -Match '2147483647'
        $thrown.Exception.Message | Should -Match ([regex]::Escape("`"$dataHome`""))
        Get-StoreFile $dataHome | Should -Be $files
        @(Request-CsCertificate -List).RequestId | Should -Be @(1)
    }
}

Describe 'Request-CsCertificate -Clear and key files without a request' {
    BeforeEach {
        $dataHome = New-IsolatedHome
        $kept = New-OfflineRequest
        $keys = Join-Path $dataHome 'keys'
        $orphan = Join-Path $keys '000050.key'
        Copy-Item -LiteralPath (Join-Path $keys '000001.key') -Destination $orphan
        (Get-Item -LiteralPath $orphan).LastWriteTimeUtc = [datetime]::UtcNow.AddHours(-1)
        $recent = Join-Path $keys '000051.key'
        Copy-Item -LiteralPath (Join-Path $keys '000001.key') -Destination $recent
        $report = Join-Path $TestDrive "$([guid]::NewGuid().ToString('N')).html"
    }

    It '-OrphanedKey -WhatIf deletes nothing' {
        Request-CsCertificate -Clear -OrphanedKey -WhatIf
        $orphan | Should -Exist
    }

    It '-OrphanedKey deletes the old ones, keeps recent ones and the keys of stored requests, and names each' {
        $verbose = @(Request-CsCertificate -Clear -OrphanedKey -Confirm:$false -Verbose -Report $report 4>&1 | ForEach-Object Message)

        $orphan | Should -Not -Exist
        $recent | Should -Exist
        Join-Path $keys '000001.key' | Should -Exist
        @(Request-CsCertificate -List).RequestId | Should -Be @($kept.RequestId)
        $verbose | Should -Contain "Key file `"$orphan`", which no stored request has, was deleted."
        ($verbose -match [regex]::Escape("Key file `"$recent`" has no stored request, but it was written at")) | Should -Not -BeNullOrEmpty
        ($verbose -match 'less than 5 minutes ago') | Should -Not -BeNullOrEmpty
        [xml] $xml = Get-Content -Raw ([IO.Path]::ChangeExtension($report, '.xml'))
        @($xml.CsMgmtLog.Action.Info | ForEach-Object '#text') | Should -Contain "Key file `"$orphan`", which no stored request has, was deleted."
    }

    It '-Clear of every request deletes the old key files without a request too, never a recent one' {
        Request-CsCertificate -Clear -Force

        @(Request-CsCertificate -List) | Should -HaveCount 0
        @(Get-ChildItem -LiteralPath $keys | ForEach-Object FullName) | Should -Be @($recent)
    }

    It 'keeps the key of a request that was set aside as unreadable' {
        Set-Content -LiteralPath (Join-Path $dataHome 'requests/000001.json') -Value '{ not json'
        Request-CsCertificate -List -ErrorAction SilentlyContinue | Out-Null
        (Get-Item -LiteralPath (Join-Path $keys '000001.key')).LastWriteTimeUtc = [datetime]::UtcNow.AddHours(-1)

        Request-CsCertificate -Clear -OrphanedKey -Confirm:$false

        Join-Path $keys '000001.key' | Should -Exist
        $orphan | Should -Not -Exist
    }
}

Describe 'The data folder on Windows' {
    BeforeAll {
        $script:NotWindows = if (-not $IsWindows) { 'Windows owners and access lists: Linux and macOS check owner and mode ("The data folder on Linux and macOS").' }
        elseif (-not ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) { 'The data folder on Windows needs an elevated PowerShell, as the module does.' }
        else { $null }
        $script:Administrators = 'S-1-5-32-544'
        $script:System = 'S-1-5-18'

        # Owner Administrators, access list protected and for Administrators and SYSTEM only, as Get-Acl reads it.
        function Assert-AdministratorsOnly([string] $Path, [switch] $Protected) {
            $acl = Get-Acl -LiteralPath $Path
            if ($Protected) {
                $acl.GetOwner([Security.Principal.SecurityIdentifier]).Value | Should -Be $Administrators -Because "the owner of $Path"
                $acl.AreAccessRulesProtected | Should -BeTrue -Because "$Path inherits nothing from its parent"
            }
            foreach ($rule in $acl.GetAccessRules($true, $true, [Security.Principal.SecurityIdentifier])) {
                if ($rule.AccessControlType -eq 'Allow') {
                    @($Administrators, $System) | Should -Contain $rule.IdentityReference.Value -Because "who may reach $Path"
                }
            }
        }
    }

    It 'gives a new data folder to Administrators with the protected access list' {
        if ($NotWindows) { Set-ItResult -Skipped -Because $NotWindows; return }
        $dataHome = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        $env:CSCERTIFICATE_HOME = $dataHome

        New-OfflineRequest | Out-Null

        foreach ($folder in '.', 'requests', 'keys', 'tmp') { Assert-AdministratorsOnly (Join-Path $dataHome $folder) -Protected }
        foreach ($file in Get-ChildItem -LiteralPath $dataHome -Recurse -File -Force) { Assert-AdministratorsOnly $file.FullName }
    }

    It 'takes over a data folder made beforehand with an open access list, and says so' {
        if ($NotWindows) { Set-ItResult -Skipped -Because $NotWindows; return }
        $dataHome = New-IsolatedHome
        $acl = Get-Acl -LiteralPath $dataHome
        $everyone = [Security.Principal.SecurityIdentifier]::new('S-1-1-0')
        $acl.AddAccessRule([Security.AccessControl.FileSystemAccessRule]::new($everyone, 'FullControl', 'ContainerInherit,ObjectInherit', 'None', 'Allow'))
        Set-Acl -LiteralPath $dataHome -AclObject $acl

        $verbose = @(New-OfflineRequest -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)

        ($verbose -match [regex]::Escape("Restricted `"$dataHome`"")) | Should -Not -BeNullOrEmpty
        foreach ($folder in '.', 'requests', 'keys', 'tmp') { Assert-AdministratorsOnly (Join-Path $dataHome $folder) -Protected }
    }

    It 'refuses a data folder that a standard user owns' {
        if ($NotWindows) { Set-ItResult -Skipped -Because $NotWindows; return }
        $dataHome = New-IsolatedHome
        $password = 'Cs1!' + [guid]::NewGuid().ToString('N')
        net user cscert-other $password /add 2>&1 | Out-Null
        if ($LASTEXITCODE -ne 0) { Set-ItResult -Skipped -Because 'A local user could not be created (net user /add).'; return }
        try {
            icacls $dataHome /setowner cscert-other 2>&1 | Out-Null
            $LASTEXITCODE | Should -Be 0

            $thrown = { Request-CsCertificate -List } | Should -Throw -ErrorId "StoreNotOwned$FullyQualifiedSuffix" -PassThru
            $thrown.Exception.Message | Should -Match ([regex]::Escape("`"$dataHome`""))
            $thrown.Exception.Message | Should -Match 'takeown /A /R /F'
        }
        finally {
            net user cscert-other /delete 2>&1 | Out-Null
        }
    }
}

Describe 'A data folder whose paths pass 260 characters' {
    It 'works in PowerShell 7 and is refused before anything is written in Windows PowerShell 5.1' {
        # TestDrive and three long folder names: the key files and temporary files pass 300 characters.
        $dataHome = Join-Path $TestDrive (('a' * 90), ('b' * 90), ('c' * 90) -join [IO.Path]::DirectorySeparatorChar)

        $env:CSCERTIFICATE_HOME = $dataHome
        if ($PSVersionTable.PSEdition -eq 'Desktop') {
            { New-OfflineRequest } | Should -Throw -ErrorId "StorePathTooLong$FullyQualifiedSuffix"
            [IO.Directory]::Exists($dataHome) | Should -BeFalse -Because 'nothing is written'
            return
        }

        $request = New-OfflineRequest
        (Join-Path $dataHome 'keys/000001.key').Length | Should -BeGreaterThan 260
        @(Request-CsCertificate -List).RequestId | Should -Be @($request.RequestId)
        Request-CsCertificate -Clear -RequestId $request.RequestId
        @(Request-CsCertificate -List) | Should -HaveCount 0
    }
}
