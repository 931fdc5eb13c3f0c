// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace CsCertificate.Commands;

/// <summary>
/// What an argument completer needs from the session that asked for it: PowerShell's location, against which
/// the command resolves relative paths. A completer runs inside that session's pipeline, so it is reached through
/// the current runspace.
/// </summary>
internal static class CompleterSession
{
    /// <summary>Gets the session's current file system location (the process's folder if the session gives none).</summary>
    public static string CurrentFolder() =>
        Invoke("$ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath").FirstOrDefault() ?? Environment.CurrentDirectory;

    /// <summary>Resolves paths as the command would, against the session's current location.</summary>
    public static IReadOnlyList<string> ProviderPaths(IEnumerable<string> paths) =>
        Invoke("$args | ForEach-Object { $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($_) }", paths.ToArray());

    private static List<string> Invoke(string script, params string[] arguments)
    {
        using PowerShell shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
        shell.AddScript(script);
        foreach (string argument in arguments)
        {
            shell.AddArgument(argument);
        }

        return shell.Invoke().Select(o => o.BaseObject.ToString() ?? string.Empty).ToList();
    }
}
