// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CsCertificate.Common;
using CsCertificate.Naming;
using CsCertificate.Report;
using CsCertificate.Resources;
using CsCertificate.Store;
using CsCertificate.Topology;

namespace CsCertificate.Commands;

/// <summary>
/// Completes -ComputerFqdn with the servers of the topology the command would read (-TopologyPath as typed so
/// far, else $env:CSCERTIFICATE_TOPOLOGY, else the data folder), with their pool and role as the tooltip.
/// </summary>
public sealed class ComputerFqdnCompleter : IArgumentCompleter
{
    /// <inheritdoc/>
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        DeploymentTopology topology;
        try
        {
            ModuleServices services = ModuleServices.Create();
            string currentFolder = CompleterSession.CurrentFolder();
            RequestStore store = services.Store(currentFolder);

            // As every command does: a data folder that another user could have written offers nothing.
            store.CheckSecurity(null);
            topology = services.TopologySources(store, currentFolder).Load(TypedPaths(fakeBoundParameters), new OperationLog(commandName, () => services.Environment.UtcNow));
        }
        catch (CsCertificateException)
        {
            // Completion must stay quiet: without a trusted data folder and a readable topology there is nothing to offer.
            return Enumerable.Empty<CompletionResult>();
        }

        string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return topology.Pools
            .Where(p => p.Role != PoolRole.None)
            .SelectMany(p => p.Machines.Select(m => (Machine: m, Pool: p)))
            .Where(x => x.Machine.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .OrderBy(x => x.Machine, StringComparer.OrdinalIgnoreCase)
            .Select(x => new CompletionResult(
                x.Machine,
                x.Machine,
                CompletionResultType.ParameterValue,
                Messages.Format(Strings.CompletionComputerTooltip, x.Machine, x.Pool.Fqdn, NamingAnalyzer.RoleName(x.Pool.Role))));
    }

    /// <summary>-TopologyPath as the user typed it so far, resolved against PowerShell's current location.</summary>
    private static IReadOnlyList<string> TypedPaths(IDictionary fakeBoundParameters)
    {
        object? value = fakeBoundParameters?["TopologyPath"];
        if (value == null)
        {
            return Array.Empty<string>();
        }

        return CompleterSession.ProviderPaths((LanguagePrimitives.GetEnumerable(value)?.Cast<object>() ?? new[] { value })
            .Select(i => i?.ToString() ?? string.Empty)
            .Where(p => p.Length > 0));
    }
}
