# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# Runs the Pester tests in a clean process against the built module, and writes the totals for build.ps1.
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $ResultPath,
    # The .nupkg that build.ps1 -Task Package wrote, for Package.Tests.ps1; without it those tests look in out/.
    [string] $PackagePath
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force
$env:CSCERTIFICATE_TEST_MODULE = $ModuleManifest
if ($PackagePath) { $env:CSCERTIFICATE_TEST_PACKAGE = $PackagePath }

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = [System.IO.Path]::ChangeExtension($ResultPath, '.xml')

$result = Invoke-Pester -Configuration $configuration
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
$failedNames = @($result.Failed | ForEach-Object ExpandedPath) + @($result.FailedContainers | ForEach-Object { "$($_.Item) (container)" })
# Set-ItResult -Skipped -Because puts its reason in the test's error record ("is skipped, because <reason>").
$skipReasons = @($result.Skipped | ForEach-Object {
        $message = @($_.ErrorRecord | ForEach-Object { $_.Exception.Message }) -join ' '
        if ($message -match 'because (.+)$') { $Matches[1].Trim() } elseif ($message) { $message.Trim() } else { 'no reason given' }
    })
[pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed; FailedNames = $failedNames; SkipReasons = $skipReasons } | ConvertTo-Json | Set-Content -Path $ResultPath
exit ([int]($failed -gt 0))
