// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

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
/// Get-CsTopology -AsXml, and Get-CsSimpleUrlConfiguration turned into its SimpleUrl XML form.
/// </summary>
internal sealed class SessionTopologySource : ISessionTopologySource
{
    private const string GetTopology = "Get-CsTopology";
    private const string GetSimpleUrls = "Get-CsSimpleUrlConfiguration";

    private readonly PSCmdlet _cmdlet;

    public SessionTopologySource(PSCmdlet cmdlet) => _cmdlet = cmdlet;

    public IReadOnlyList<TopologyInput>? GetDocuments()
    {
        CommandInfo? command = _cmdlet.InvokeCommand.GetCommand(GetTopology, CommandTypes.Cmdlet | CommandTypes.Function | CommandTypes.Alias);
        if (command == null)
        {
            return null;
        }

        string xml = string.Concat(Invoke(GetTopology + " -AsXml").Select(o => o.BaseObject.ToString()));
        var inputs = new List<TopologyInput> { TopologyInput.FromText(GetTopology + " -AsXml", xml) };
        if (_cmdlet.InvokeCommand.GetCommand(GetSimpleUrls, CommandTypes.Cmdlet | CommandTypes.Function | CommandTypes.Alias) != null)
        {
            inputs.Add(TopologyInput.FromText(GetSimpleUrls, SimpleUrlDocument(Invoke(GetSimpleUrls))));
        }

        return inputs;
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
