# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

<#
.SYNOPSIS
    Measurement 4: reading a large published topology and analyzing it for one computer.

.DESCRIPTION
    In one warm session, each round times (in a rotating order) the module reading the generated topology and
    computing the names for one computer of its last site (`Request-CsCertificate -New -WhatIf`, which does
    everything but the key and the files), with the bytes allocated meanwhile, and the baseline: a bare
    XmlReader pass over every node of the same file (compiled C#, no work per node), the least any reader pays.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $WorkFolder,
    [Parameter(Mandatory)] [string] $TopologyPath,
    [Parameter(Mandatory)] [string] $Computer,
    [int] $Iterations = 10,
    [int] $Warmup = 2
)

. (Join-Path $PSScriptRoot 'BenchCommon.ps1')

Reset-WorkFolder $WorkFolder
$env:CSCERTIFICATE_HOME = Join-Path $WorkFolder 'home'
Import-Module $ModuleManifest

Add-Type -TypeDefinition @'
public static class BareXmlScan
{
    public static int Run(string path)
    {
        var settings = new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, IgnoreWhitespace = true, IgnoreComments = true };
        int elements = 0;
        using (var reader = System.Xml.XmlReader.Create(path, settings))
        {
            while (reader.Read())
            {
                if (reader.NodeType == System.Xml.XmlNodeType.Element) { elements++; }
            }
        }
        return elements;
    }
}
'@

$parameters = @{
    New           = $true
    Type          = 'Default', 'WebServicesInternal', 'WebServicesExternal'
    ComputerFqdn  = $Computer
    AllSipDomain  = $true
    TopologyPath  = $TopologyPath
    Output        = (Join-Path $WorkFolder 'never-written.csr')
    WhatIf        = $true
    WarningAction = 'SilentlyContinue'
}

$module = [System.Collections.Generic.List[double]]::new()
$allocated = [System.Collections.Generic.List[double]]::new()
$baseline = [System.Collections.Generic.List[double]]::new()
$elements = 0
$loadBefore = Get-LoadAverage
$clock = [System.Diagnostics.Stopwatch]::new()
for ($i = -$Warmup; $i -lt $Iterations; $i++) {
    foreach ($what in (Get-RotatedOrder @('Module', 'Baseline') $i)) {
        if ($what -eq 'Module') {
            $before = [GC]::GetTotalAllocatedBytes($true)
            $clock.Restart()
            # -WhatIf writes its description to the host; -Verbose would add the notes the analysis made.
            Request-CsCertificate @parameters
            $clock.Stop()
            $bytes = [GC]::GetTotalAllocatedBytes($true) - $before
            if ($i -ge 0) {
                $module.Add($clock.Elapsed.TotalMilliseconds)
                $allocated.Add($bytes / 1MB)
            }
        }
        else {
            $clock.Restart()
            $elements = [BareXmlScan]::Run($TopologyPath)
            $clock.Stop()
            if ($i -ge 0) { $baseline.Add($clock.Elapsed.TotalMilliseconds) }
        }
    }
}

# What the analysis found, once (not timed), to show the computer was found and the names computed.
$verbose = @(Request-CsCertificate @parameters -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)

Save-BenchResult ([ordered]@{
        Iterations   = $Iterations
        Warmup       = $Warmup
        Module       = $module
        AllocatedMB  = $allocated
        Baseline     = $baseline
        Elements     = $elements
        Found        = @($verbose | Where-Object { $_ -like "Computer `"$Computer`" is in pool*" }) -join ' '
        LoadBefore   = $loadBefore
        LoadAfter    = Get-LoadAverage
    }) $ResultPath
