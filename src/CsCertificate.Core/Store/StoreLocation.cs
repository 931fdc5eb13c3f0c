// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Runtime.InteropServices;

namespace CsCertificate.Store;

/// <summary>
/// Where the module keeps its data: $env:CSCERTIFICATE_HOME when set (a relative path is taken from PowerShell's
/// current location, as -Output and -TopologyPath are); else %ProgramData%\CsCertificate on
/// Windows (requests are per machine, like the original cmdlet's); else $XDG_DATA_HOME/CsCertificate or
/// ~/.local/share/CsCertificate.
/// </summary>
internal static class StoreLocation
{
    public const string HomeVariable = "CSCERTIFICATE_HOME";

    /// <param name="getEnvironmentVariable">Reads an environment variable.</param>
    /// <param name="currentFolder">The folder a relative $env:CSCERTIFICATE_HOME resolves against: PowerShell's current file system location.</param>
    public static string Resolve(Func<string, string?> getEnvironmentVariable, string currentFolder)
    {
        string? home = getEnvironmentVariable(HomeVariable);
        if (!string.IsNullOrWhiteSpace(home))
        {
            string combined = Path.Combine(currentFolder, home);
            try
            {
                return Path.GetFullPath(combined);
            }
            catch (PathTooLongException)
            {
                // Windows PowerShell 5.1: the store refuses it with its own error (StorePathLength) when first used.
                return combined;
            }
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            string programData = getEnvironmentVariable("ProgramData") ?? Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData);
            return Path.Combine(programData, "CsCertificate");
        }

        string? xdg = getEnvironmentVariable("XDG_DATA_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "CsCertificate");
        }

        string userHome = getEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(userHome, ".local", "share", "CsCertificate");
    }
}
