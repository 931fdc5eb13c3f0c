# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# The steps build.ps1's tasks share: dotnet, the version and release notes of the manifest, the expected files of
# the layout and the package, and the test totals. Runs in Windows PowerShell 5.1 and PowerShell 7.

Set-StrictMode -Version 3.0

# Runs dotnet with the given arguments; throws when it fails.
function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE."
    }
}

# The versions a manifest gives: ModuleVersion, and the package version (ModuleVersion, then -Prerelease when
# PSData has one), as the package and CHANGELOG.md spell it.
function Get-ManifestVersion([string] $Path) {
    $data = Import-PowerShellDataFile -Path $Path
    $prerelease = $data.PrivateData.PSData['Prerelease']
    [pscustomobject]@{
        Version        = $data.ModuleVersion
        PackageVersion = $(if ($prerelease) { "$($data.ModuleVersion)-$prerelease" } else { $data.ModuleVersion })
    }
}

# One version's section of a changelog: its heading without the hashes, then its lines up to the next version.
function Get-ReleaseNotes([string] $Path, [string] $Version) {
    $name = Split-Path $Path -Leaf
    $section = $null
    foreach ($line in @(Get-Content -Path $Path -Encoding UTF8)) {
        if ($line -match '^## (\S+)') {
            if ($null -ne $section) { break }
            if ($Matches[1] -eq $Version) { $section = [System.Collections.Generic.List[string]]::new(); $section.Add($line.Substring(3)) }
            continue
        }
        if ($null -ne $section) { $section.Add($line.TrimEnd()) }
    }
    if ($null -eq $section) { throw "$name has no section '## $Version - <date>'; add one before building $Version." }
    return ($section -join "`n").Trim()
}

# Puts the release notes into a manifest (the copy in out/, never the root one) as a single-quoted string, and
# checks that PowerShell reads back exactly those notes. UTF-8 with a BOM, so that Windows PowerShell reads it too.
function Set-ManifestReleaseNotes([string] $Path, [string] $Notes) {
    $text = [System.IO.File]::ReadAllText($Path)
    $found = [regex]::Matches($text, "(?m)^(?<lead>[ \t]*ReleaseNotes[ \t]*=[ \t]*)'[^']*'")
    if ($found.Count -ne 1) { throw "$Path must have exactly one single-quoted ReleaseNotes line; it has $($found.Count)." }
    $match = $found[0]
    $value = "'" + ($Notes -replace "'", "''") + "'"
    $text = $text.Substring(0, $match.Index) + $match.Groups['lead'].Value + $value + $text.Substring($match.Index + $match.Length)
    [System.IO.File]::WriteAllText($Path, $text, [System.Text.UTF8Encoding]::new($true))
    if ((Import-PowerShellDataFile -Path $Path).PrivateData.PSData.ReleaseNotes -cne $Notes) {
        throw "The release notes written to $Path do not read back as they were written."
    }
}

# Throws when a folder, or a package (zip), lacks one of the expected files (relative paths with '/').
function Assert-ExpectedFile([string] $Path, [string[]] $Expected) {
    if (Test-Path -Path $Path -PathType Container) {
        $missing = @($Expected | Where-Object { -not (Test-Path (Join-Path $Path $_)) })
    }
    else {
        Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try { $entries = @($zip.Entries | ForEach-Object { $_.FullName -replace '\\', '/' }) } finally { $zip.Dispose() }
        $missing = @($Expected | Where-Object { $entries -notcontains $_ })
    }
    if ($missing.Count -gt 0) { throw "$Path is missing $($missing -join ', ')." }
}

# The totals of .trx files (xunit, one per target framework): passed, failed (with names) and the reason of each
# skipped test.
function Get-XunitTotals([string[]] $Path) {
    $passed = 0; $failed = 0; $failedNames = @(); $skipReasons = @()
    foreach ($file in $Path) {
        [xml] $doc = Get-Content -Raw -Path $file
        $counters = $doc.TestRun.ResultSummary.Counters
        $results = @($doc.TestRun.Results.UnitTestResult)
        $passed += [int]$counters.passed
        $failed += [int]$counters.failed + [int]$counters.error + [int]$counters.timeout
        $failedNames += @($results | Where-Object { $_.outcome -ne 'Passed' -and $_.outcome -ne 'NotExecuted' } | ForEach-Object testName)
        # A skipped xunit test carries its Skip reason as the result's message.
        $skipReasons += @($results | Where-Object outcome -eq 'NotExecuted' | ForEach-Object {
                $message = $_.SelectSingleNode('*[local-name()="Output"]/*[local-name()="ErrorInfo"]/*[local-name()="Message"]')
                if ($message) { $message.InnerText.Trim() } else { 'no reason given' }
            })
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed; FailedNames = $failedNames; SkipReasons = $skipReasons }
}

# Totals that say a test run did not happen at all.
function New-FailedTotals([string] $Name) {
    [pscustomobject]@{ Passed = 0; Failed = 1; FailedNames = @($Name); SkipReasons = @() }
}

# The names of the failed tests, one line per reason for skipping with its count, then the totals line that CI
# reads last ("N passed, N failed, N skipped").
function Write-TestTotals([int] $Passed, [int] $Failed, [string[]] $SkipReasons, [string[]] $FailedNames) {
    foreach ($name in @($FailedNames | Where-Object { $_ })) { Write-Host "Failed: $name" }
    $SkipReasons = @($SkipReasons | Where-Object { $_ })
    foreach ($group in $SkipReasons | Group-Object | Sort-Object Count -Descending) {
        Write-Host "$($group.Count) skipped: $($group.Name)"
    }
    Write-Output "$Passed passed, $Failed failed, $($SkipReasons.Count) skipped"
}

Export-ModuleMember -Function Invoke-Dotnet, Get-ManifestVersion, Get-ReleaseNotes, Set-ManifestReleaseNotes, Assert-ExpectedFile,
    Get-XunitTotals, New-FailedTotals, Write-TestTotals
