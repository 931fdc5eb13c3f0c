// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Xml.Linq;
using CsCertificate.Common;
using CsCertificate.Engine;
using CsCertificate.Resources;
using CsCertificate.Topology;

namespace CsCertificate.Commands;

/// <summary>
/// Reads the topology from the Skype for Business Server management shell when it is loaded in the session:
/// Get-CsTopology -AsXml, and Get-CsSimpleUrlConfiguration turned into its SimpleUrl XML form. An Edge Server
/// cannot reach the Central Management store: when Get-CsTopology -AsXml fails there, the local replica is read
/// with -LocalStore (both commands have it), and the verbose story says so.
/// </summary>
internal sealed class SessionTopologySource : ISessionTopologySource
{
    private const string GetTopology = "Get-CsTopology";
    private const string GetSimpleUrls = "Get-CsSimpleUrlConfiguration";
    private const string LocalStore = "LocalStore";

    private readonly PSCmdlet _cmdlet;
    private readonly Action<string> _verbose;

    /// <param name="cmdlet">The command whose session is asked.</param>
    /// <param name="verbose">The verbose story of the command.</param>
    public SessionTopologySource(PSCmdlet cmdlet, Action<string> verbose)
    {
        _cmdlet = cmdlet;
        _verbose = verbose;
    }

    public IReadOnlyList<TopologyInput>? GetDocuments()
    {
        CommandInfo? command = Find(GetTopology);
        if (command == null)
        {
            return null;
        }

        string topologyCommand = GetTopology + " -AsXml";
        bool local = false;
        Collection<PSObject> topology;
        try
        {
            topology = Invoke(topologyCommand);
        }
        catch (CsCertificateException ex) when (HasLocalStore(command))
        {
            _verbose(Messages.Format(Strings.VerboseTopologyLocalStore, topologyCommand, ex.InnerException?.Message ?? ex.Message));
            topologyCommand += " -" + LocalStore;
            local = true;
            topology = Invoke(topologyCommand);
        }

        var inputs = new List<TopologyInput> { TopologyInput.FromText(topologyCommand, string.Concat(topology.Select(o => o.BaseObject.ToString()))) };
        CommandInfo? simpleUrls = Find(GetSimpleUrls);
        if (simpleUrls != null)
        {
            string simpleUrlCommand = local && HasLocalStore(simpleUrls) ? GetSimpleUrls + " -" + LocalStore : GetSimpleUrls;
            inputs.Add(TopologyInput.FromText(simpleUrlCommand, SimpleUrlDocument(Invoke(simpleUrlCommand))));
        }

        return inputs;
    }

    private CommandInfo? Find(string name) => _cmdlet.InvokeCommand.GetCommand(name, CommandTypes.Cmdlet | CommandTypes.Function | CommandTypes.Alias);

    private static bool HasLocalStore(CommandInfo command)
    {
        CommandInfo resolved = command is AliasInfo alias && alias.ResolvedCommand != null ? alias.ResolvedCommand : command;
        return resolved.Parameters.ContainsKey(LocalStore);
    }

    private Collection<PSObject> Invoke(string script)
    {
        try
        {
            return _cmdlet.InvokeCommand.InvokeScript(script);
        }
        catch (RuntimeException ex)
        {
            throw new CsCertificateException(
                ErrorIds.TopologyNotFound,
                ErrorKind.ResourceUnavailable,
                Messages.Format(Strings.TopologySessionFailed, script, ex.Message),
                script,
                ex);
        }
    }

    /// <summary>Writes the configurations' SimpleUrl objects (Component, Domain, ActiveUrl, SimpleUrlEntry.Url) as XML.</summary>
    private static string SimpleUrlDocument(IEnumerable<PSObject> configurations)
    {
        XNamespace su = TopologyNamespaces.SimpleUrl;
        var root = new XElement(su + "SimpleUrlConfigurations");
        foreach (PSObject configuration in configurations)
        {
            var element = new XElement(su + "SimpleUrlConfiguration");
            foreach (PSObject url in Items(configuration, "SimpleUrl"))
            {
                element.Add(new XElement(
                    su + "SimpleUrl",
                    new XAttribute("Component", Text(url, "Component")),
                    new XAttribute("Domain", Text(url, "Domain")),
                    new XAttribute("ActiveUrl", Text(url, "ActiveUrl")),
                    Items(url, "SimpleUrlEntry").Select(e => new XElement(su + "SimpleUrlEntry", new XAttribute("Url", Text(e, "Url"))))));
            }

            root.Add(element);
        }

        return root.ToString(SaveOptions.DisableFormatting);
    }

    private static IEnumerable<PSObject> Items(PSObject owner, string property)
    {
        object? value = owner.Properties[property]?.Value;
        return value == null
            ? Enumerable.Empty<PSObject>()
            : LanguagePrimitives.GetEnumerable(value)?.Cast<object>().Select(PSObject.AsPSObject) ?? new[] { PSObject.AsPSObject(value) };
    }

    private static string Text(PSObject owner, string property) => owner.Properties[property]?.Value?.ToString() ?? string.Empty;
}
