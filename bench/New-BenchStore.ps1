# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

<#
.SYNOPSIS
    Fills a data folder with Count stored requests, quickly, for the store-scale benchmark.

.DESCRIPTION
    The records are copies of one real record that the module wrote (requests/<id>.json, in the store's own
    JSON format, RequestRecord), each with its own request id and key file name; every key file holds the same
    real PKCS#8 key, owner-only as the module writes it. store.json says the last id given out is Count. Writing
    the files directly takes seconds where making 10,000 requests with the module would take minutes; the module
    cannot tell the difference (it never compares keys or requests across records).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Path,
    [Parameter(Mandatory)] [int] $Count,
    [Parameter(Mandatory)] [string] $TemplateRecord,
    [Parameter(Mandatory)] [string] $TemplateKey
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$record = [System.IO.File]::ReadAllText($TemplateRecord)
$key = [System.IO.File]::ReadAllBytes($TemplateKey)
if ($record -notmatch '"requestId":\s*\d+' -or $record -notmatch '"keyFile":\s*"\d+\.key"') {
    throw "$TemplateRecord is not a stored request with a key file."
}

if (Test-Path $Path) { Remove-Item $Path -Recurse -Force }
$requests = Join-Path $Path 'requests'
$keys = Join-Path $Path 'keys'
New-Item -ItemType Directory -Path $requests -Force | Out-Null
New-Item -ItemType Directory -Path $keys -Force | Out-Null
$unix = -not $IsWindows
if ($unix) {
    [System.IO.File]::SetUnixFileMode($Path, [System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
    [System.IO.File]::SetUnixFileMode($keys, [System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
}

$utf8 = [System.Text.UTF8Encoding]::new($false)
$ownerOnly = [System.IO.UnixFileMode]'UserRead, UserWrite'
$idPattern = [regex]'"requestId":\s*\d+'
$keyPattern = [regex]'"keyFile":\s*"\d+\.key"'
for ($id = 1; $id -le $Count; $id++) {
    $name = $id.ToString('D6')
    $keyPath = Join-Path $keys "$name.key"
    [System.IO.File]::WriteAllBytes($keyPath, $key)
    if ($unix) { [System.IO.File]::SetUnixFileMode($keyPath, $ownerOnly) }
    $text = $keyPattern.Replace($idPattern.Replace($record, "`"requestId`": $id", 1), "`"keyFile`": `"$name.key`"", 1)
    [System.IO.File]::WriteAllText((Join-Path $requests "$name.json"), $text, $utf8)
}

[System.IO.File]::WriteAllText((Join-Path $Path 'store.json'), "{`n  `"schemaVersion`": 1,`n  `"lastRequestId`": $Count`n}", $utf8)
