# Copyright (c) CsCertificate authors.
# Licensed under the MIT License.

# Runs before PowerShell loads CsCertificate.dll (the manifest's NestedModules come before its RootModule). Windows
# PowerShell 5.1 can load the module's netstandard2.0 assembly only on .NET Framework 4.7.2 or later: on older
# ones (Windows Server 2016 ships 4.6.2) the import fails with "Could not load file or assembly 'netstandard'"
# before any code of the module runs, so the check cannot live in the assembly. The message is the module's own
# (Strings.resx), read from the resources of CsCertificate.Core.dll, which needs nothing from .NET Standard.
# Then it loads the engine (CsCertificate.Core.dll) and BouncyCastle, in the module's own load context on PowerShell 7
# (Commands/ModuleInitializer.cs): PowerShell reads the cmdlets' types, which use the engine's, before it would run
# an initializer of the root module.

# .NET Framework 4.7.2's release number (461808 on Windows 10 1803, 461814 elsewhere); 4.8 is 528040 and above.
$script:MinimumRelease = 461808

# The error for a host that cannot run the module, or $null. $Release is the Release value of
# HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full; when it cannot be read the import goes on.
function Get-FrameworkProblem([string] $Edition, [Nullable[int]] $Release) {
    if ($Edition -ne 'Desktop' -or $null -eq $Release -or $Release -ge $MinimumRelease) { return $null }
    $assembly = [System.Reflection.Assembly]::LoadFrom((Join-Path $PSScriptRoot 'Dependencies/CsCertificate.Core.dll'))
    $strings = New-Object System.Resources.ResourceManager -ArgumentList 'CsCertificate.Resources.Strings', $assembly
    $message = [string]::Format([System.Globalization.CultureInfo]::CurrentCulture, $strings.GetString('NetFrameworkTooOld', [System.Globalization.CultureInfo]::CurrentUICulture), $Release)
    $exception = New-Object System.PlatformNotSupportedException -ArgumentList $message
    New-Object System.Management.Automation.ErrorRecord -ArgumentList $exception, 'NetFrameworkTooOld', ([System.Management.Automation.ErrorCategory]::NotInstalled), $Release
}

$release = $null
if ($PSVersionTable.PSEdition -eq 'Desktop') {
    $release = (Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full' -Name Release -ErrorAction SilentlyContinue).Release
}
$problem = Get-FrameworkProblem -Edition $PSVersionTable.PSEdition -Release $release
if ($problem) { throw $problem }

# The same file PowerShell then loads as the root module: loading a path twice gives the same assembly.
$moduleAssembly = [System.Reflection.Assembly]::LoadFrom((Join-Path $PSScriptRoot 'CsCertificate.dll'))
$initializer = $moduleAssembly.GetType('CsCertificate.Commands.ModuleInitializer', $true)
$problem = $initializer::Register()
if ($problem) { throw $problem }
