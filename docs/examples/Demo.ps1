# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

<#
.SYNOPSIS
    Runs Example 4 of the original Request-CsCertificate page as an offline request against the example topology.

.DESCRIPTION
    build.ps1 -Task Demo runs this in a clean PowerShell with the built module. The data folder is redirected to
    the work folder so the demo leaves your own requests alone.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $WorkFolder
)

$ErrorActionPreference = 'Stop'
$env:CSCERTIFICATE_HOME = Join-Path $WorkFolder 'data'
Import-Module $ModuleManifest

$topology = (Join-Path $PSScriptRoot 'litwareinc-topology.xml'), (Join-Path $PSScriptRoot 'litwareinc-simpleurls.xml')
$output = Join-Path $WorkFolder 'atl-cs-001.csr'

Write-Host ''
Write-Host 'Example 4 of Request-CsCertificate, as an offline request (-Output instead of -CA):' -ForegroundColor Cyan
Write-Host '  Request-CsCertificate -New -Type Default,WebServicesInternal,WebServicesExternal -ComputerFqdn "atl-cs-001.litwareinc.com"'
Write-Host '    -FriendlyName "Standard Edition Certficate" -Template jcila -PrivateKeyExportable $True'
Write-Host '    -DomainName "atl-cs-001.litwareinc.com,atl-ext.litwareinc.com"'
Write-Host "    -Output $output"
Write-Host "    -TopologyPath $($topology -join ', ')"
Write-Host ''

$verbose = @()
$result = Request-CsCertificate -New -Type Default, WebServicesInternal, WebServicesExternal -ComputerFqdn 'atl-cs-001.litwareinc.com' `
    -FriendlyName 'Standard Edition Certficate' -Template jcila -PrivateKeyExportable $True `
    -DomainName 'atl-cs-001.litwareinc.com,atl-ext.litwareinc.com' -Output $output -TopologyPath $topology -Verbose 4>&1 |
    ForEach-Object { if ($_ -is [System.Management.Automation.VerboseRecord]) { $verbose += $_.Message } else { $_ } }

Write-Host 'What the topology analysis computed:' -ForegroundColor Cyan
$verbose | ForEach-Object { Write-Host "  $_" }
Write-Host ''
Write-Host "Subject:            $($result.Subject)"
Write-Host 'Alternative names:'
$result.AlternativeNames | ForEach-Object { Write-Host "  $_" }
Write-Host "Use:                $($result.Use)"
Write-Host "Request id:         $($result.RequestId) ($($result.RequestStatus))"
Write-Host "Request file:       $($result.Path)"
Write-Host "Data folder:        $env:CSCERTIFICATE_HOME"
Write-Host ''

if (Get-Command openssl -ErrorAction SilentlyContinue) {
    Write-Host 'openssl req -in <file> -noout -verify -text:' -ForegroundColor Cyan
    & openssl req -in $output -noout -verify -text -reqopt no_pubkey,no_sigdump 2>&1 | ForEach-Object { Write-Host "  $_" }
    if ($LASTEXITCODE -ne 0) { throw 'openssl could not verify the request.' }
}
else {
    Write-Host 'openssl is not installed; the request file is PEM ("CERTIFICATE REQUEST") and can be checked with any CSR decoder.'
}
