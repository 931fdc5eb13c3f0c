# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force

    function New-OfflineRequest([string[]] $Type = @('Default'), [string] $FriendlyName) {
        $parameters = @{
            New = $true; Type = $Type; ComputerFqdn = 'atl-cs-001.litwareinc.com'; TopologyPath = $LitwareTopology
            Output = (Join-Path $TestDrive "$([guid]::NewGuid().ToString('N')).csr"); KeyAlg = 'ECDH_P256'
        }
        if ($FriendlyName) { $parameters.FriendlyName = $FriendlyName }
        Request-CsCertificate @parameters
    }
}

Describe 'Request-CsCertificate -List, -Clear and -Retrieve' {
    BeforeEach {
        $dataHome = New-TestHome
    }

    It 'lists every stored request with the properties admin scripts use' {
        $first = New-OfflineRequest -Type Default
        $second = New-OfflineRequest -Type WebServicesExternal -FriendlyName 'Web external'
        $list = @(Request-CsCertificate -List)
        $list | Should -HaveCount 2
        $list.RequestId | Should -Be @($first.RequestId, $second.RequestId)
        foreach ($property in 'RequestId', 'CertificateUses', 'Status', 'CA', 'Subject', 'AlternativeNames', 'RequestTime', 'FriendlyName') {
            $list[0].PSObject.Properties.Name | Should -Contain $property
        }
        $list[1].Status | Should -Be 'Offline'
        $list[1].FriendlyName | Should -Be 'Web external'
        $list[1].Subject | Should -Be 'CN=atl-cs-001.litwareinc.com'
        $list[1].RequestTime | Should -BeGreaterThan ([datetime]::UtcNow.AddMinutes(-5))
        @(Request-CsCertificate -List | Where-Object CertificateUses -match 'WebServicesExternal').RequestId | Should -Be $second.RequestId
        (Request-CsCertificate -List -RequestId $first.RequestId).CertificateUses | Should -Be 'Default'
    }

    It 'reports an unknown -RequestId as a non-terminating error' {
        Request-CsCertificate -List -RequestId 4242 -ErrorVariable errors -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -Be "RequestNotFound$FullyQualifiedSuffix"
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'clears one request and its key, and never reuses its id' {
        $first = New-OfflineRequest
        $second = New-OfflineRequest
        Request-CsCertificate -Clear -RequestId $first.RequestId -Confirm:$false
        @(Request-CsCertificate -List).RequestId | Should -Be @($second.RequestId)
        Join-Path $dataHome ('keys/{0:D6}.key' -f $first.RequestId) | Should -Not -Exist
        Join-Path $dataHome ('keys/{0:D6}.key' -f $second.RequestId) | Should -Exist
        (New-OfflineRequest).RequestId | Should -Be ($second.RequestId + 1)
    }

    It 'clears what the pipeline gives it' {
        New-OfflineRequest -Type Default | Out-Null
        New-OfflineRequest -Type WebServicesExternal | Out-Null
        New-OfflineRequest -Type Default | Out-Null
        Request-CsCertificate -List | Where-Object CertificateUses -contains 'Default' | Request-CsCertificate -Clear -Confirm:$false
        @(Request-CsCertificate -List).CertificateUses | Should -Be @('WebServicesExternal')
    }

    It 'clears everything only with -Force or -Confirm:$false, and -WhatIf keeps it' {
        New-OfflineRequest | Out-Null
        New-OfflineRequest | Out-Null
        Request-CsCertificate -Clear -WhatIf
        @(Request-CsCertificate -List) | Should -HaveCount 2
        Request-CsCertificate -Clear -Force
        @(Request-CsCertificate -List) | Should -HaveCount 0
        Get-ChildItem (Join-Path $dataHome 'keys') | Should -BeNullOrEmpty
    }

    It 'explains that an offline request is completed by importing the issued certificate' {
        $request = New-OfflineRequest
        Request-CsCertificate -Retrieve -RequestId $request.RequestId -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].FullyQualifiedErrorId | Should -Be "OfflineRequestNotRetrievable$FullyQualifiedSuffix"
        $errors[0].Exception.Message | Should -Match 'Import-CsCertificate'
        $errors[0].Exception.Message | Should -Match ([regex]::Escape($request.Path))
        (Request-CsCertificate -List -RequestId $request.RequestId).Status | Should -Be 'Offline'
    }

    It 'lists the readable records and moves an unreadable one aside' {
        $good = New-OfflineRequest
        $bad = Join-Path $dataHome 'requests/000099.json'
        Set-Content -Path $bad -Value '{ "schemaVersion": 1, "requestId": '
        $list = @(Request-CsCertificate -List -ErrorVariable errors -ErrorAction SilentlyContinue)
        $list.RequestId | Should -Be @($good.RequestId)
        $errors[0].FullyQualifiedErrorId | Should -Be "StoreRecordCorrupt$FullyQualifiedSuffix"
        $errors[0].Exception.Message | Should -Match '000099\.json'
        $bad | Should -Not -Exist
        Get-ChildItem (Join-Path $dataHome 'requests') -Filter '000099.json.corrupt-*' | Should -HaveCount 1
    }
}

Describe 'Request-CsCertificate -Report' {
    BeforeEach {
        $dataHome = New-TestHome
    }

    It 'writes the HTML log and its CsMgmtLog XML twin with the real product''s lines' {
        $report = Join-Path $TestDrive 'new.html'
        $output = Join-Path $TestDrive 'report.csr'
        Request-CsCertificate -New -Type Default, WebServicesInternal, WebServicesExternal -ComputerFqdn atl-cs-001.litwareinc.com `
            -TopologyPath $LitwareTopology -Output $output -Report $report -DomainName 'sip.litwareinc.com' | Out-Null
        $report | Should -Exist
        [xml] $xml = Get-Content -Raw ([IO.Path]::ChangeExtension($report, '.xml'))
        $xml.CsMgmtLog.Name | Should -Be 'Request-CsCertificate'
        $lines = @($xml.CsMgmtLog.Action.Info | ForEach-Object '#text')
        $lines | Should -Contain 'Certificate use: Default,WebServicesInternal,WebServicesExternal'
        $lines | Should -Contain 'Subject distinguished name (DN): CN="atl-cs-001.litwareinc.com"'
        $lines | Should -Contain 'Subject alternative name: sip.litwareinc.com,atl-cs-001.litwareinc.com,dialin.litwareinc.com,meet.litwareinc.com,meet.fabrikam.com,admin.litwareinc.com,LyncdiscoverInternal.litwareinc.com,atl-ext.litwareinc.com,Lyncdiscover.litwareinc.com'
        ($xml.CsMgmtLog.Info | Where-Object Title -eq 'Connection').'#text' | Should -Match 'litwareinc-topology\.xml'
        ($xml.CsMgmtLog.Info | Where-Object Title -eq 'Output').'#text' | Should -Match 'Use \t\t: Default,WebServicesInternal,WebServicesExternal'
        @($xml.CsMgmtLog.Info | Where-Object Title -eq 'Command Status' | ForEach-Object '#text') | Should -Be @('Command processing is complete.', 'Command run is complete.')
        Get-Content -Raw $report | Should -Match '<title>Request-CsCertificate Deployment Log</title>'
    }

    It 'encodes values in the HTML report' {
        $report = Join-Path $TestDrive 'encoded.html'
        Request-CsCertificate -New -Type Default -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology `
            -Output (Join-Path $TestDrive 'enc.csr') -FriendlyName '<script>alert(1)</script>' -Report $report | Out-Null
        $html = Get-Content -Raw $report
        $html | Should -Not -Match '<script>'
        $html | Should -Match '&lt;script&gt;alert\(1\)&lt;/script&gt;'
    }

    It 'writes the report of a failed command, with the failure' {
        $report = Join-Path $TestDrive 'failed.html'
        { Request-CsCertificate -New -Type Internal -ComputerFqdn atl-cs-001.litwareinc.com -TopologyPath $LitwareTopology -Output (Join-Path $TestDrive 'x.csr') -Report $report } |
            Should -Throw -ErrorId "CertTypeNotApplicable$FullyQualifiedSuffix"
        [xml] $xml = Get-Content -Raw ([IO.Path]::ChangeExtension($report, '.xml'))
        ($xml.CsMgmtLog.Info | Where-Object Title -eq 'Command Status')[0].'#text' | Should -Match '^Command execution failed: The computer "atl-cs-001\.litwareinc\.com" does not need a certificate of type "Internal"'
    }

    It 'writes a report for <Set>' -ForEach @(@{ Set = 'List' }, @{ Set = 'Retrieve' }, @{ Set = 'Clear' }) {
        New-OfflineRequest | Out-Null
        $report = Join-Path $TestDrive "$Set.html"
        $parameters = @{ $Set = $true; Report = $report }
        if ($Set -eq 'Clear') { $parameters.Force = $true }
        Request-CsCertificate @parameters | Out-Null
        $report | Should -Exist
        ([xml](Get-Content -Raw ([IO.Path]::ChangeExtension($report, '.xml')))).CsMgmtLog.Name | Should -Be 'Request-CsCertificate'
    }

    It 'refuses a -Report in a folder that does not exist' {
        { Request-CsCertificate -List -Report (Join-Path $TestDrive 'missing/report.html') } | Should -Throw -ErrorId "ReportNotWritable$FullyQualifiedSuffix"
    }
}
