// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Threading;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// Runs the -DnsScript as <c>&lt;script&gt; -Action Add|Remove -Name &lt;fqdn&gt; -Value &lt;txt&gt;</c>. The cmdlet
/// implements it (in the PowerShell session that runs the command, so the script sees its modules and
/// variables); the engine never touches PowerShell itself.
/// </summary>
internal interface IDnsScriptRunner
{
    /// <param name="script">The script's full path.</param>
    /// <param name="action">Add or Remove.</param>
    /// <param name="name">The record's full name, without the final dot.</param>
    /// <param name="value">The TXT value.</param>
    /// <param name="verbose">Where the script's verbose and warning lines go.</param>
    /// <param name="cancel">Cancelled when the command is stopped.</param>
    /// <exception cref="DnsScriptException">The script wrote an error or threw.</exception>
    /// <exception cref="OperationCanceledException">The command was stopped.</exception>
    void Run(string script, string action, string name, string value, Action<string> verbose, CancellationToken cancel);
}
