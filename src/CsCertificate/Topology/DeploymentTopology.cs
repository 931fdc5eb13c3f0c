// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Linq;

namespace CsCertificate.Topology;

/// <summary>
/// A deployment's topology as the naming rules see it: SIP domains, pools with their roles and names, and the
/// simple URLs found in the inputs. Immutable; lookups are indexed once.
/// </summary>
internal sealed class DeploymentTopology
{
    private readonly Dictionary<string, TopologyPool> _poolByMachine;
    private readonly Dictionary<string, TopologyPool> _poolByFqdn;
    private readonly Dictionary<string, List<string>> _machinesByHostLabel;

    public DeploymentTopology(
        string source,
        string defaultDomain,
        IReadOnlyList<string> sipDomains,
        IReadOnlyList<TopologyPool> pools,
        IReadOnlyList<SimpleUrl> simpleUrls,
        bool hasSimpleUrlConfiguration)
    {
        Source = source;
        DefaultDomain = defaultDomain;
        SipDomains = sipDomains;
        Pools = pools;
        SimpleUrls = simpleUrls;
        HasSimpleUrlConfiguration = hasSimpleUrlConfiguration;

        _poolByMachine = new Dictionary<string, TopologyPool>(StringComparer.OrdinalIgnoreCase);
        _poolByFqdn = new Dictionary<string, TopologyPool>(StringComparer.OrdinalIgnoreCase);
        _machinesByHostLabel = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (TopologyPool pool in pools)
        {
            _poolByFqdn[pool.Fqdn] = pool;
            foreach (string machine in pool.Machines)
            {
                _poolByMachine[machine] = pool;
                string label = HostLabel(machine);
                if (!_machinesByHostLabel.TryGetValue(label, out List<string>? list))
                {
                    list = new List<string>();
                    _machinesByHostLabel[label] = list;
                }

                list.Add(machine);
            }
        }
    }

    /// <summary>Gets a description of where the topology came from, for messages and the report.</summary>
    public string Source { get; }

    /// <summary>Gets the default SIP domain (InternalDomains/@DefaultDomain).</summary>
    public string DefaultDomain { get; }

    /// <summary>Gets every SIP domain: the default first, then the others in document order.</summary>
    public IReadOnlyList<string> SipDomains { get; }

    public IReadOnlyList<TopologyPool> Pools { get; }

    /// <summary>Gets every SimpleUrl of every SimpleUrlConfiguration in the inputs, in document order.</summary>
    public IReadOnlyList<SimpleUrl> SimpleUrls { get; }

    /// <summary>Gets a value indicating whether any input held a SimpleUrlConfiguration element.</summary>
    public bool HasSimpleUrlConfiguration { get; }

    /// <summary>
    /// Finds the computer: a machine FQDN, a single-server pool's FQDN, or a host name without a domain that
    /// names exactly one machine.
    /// </summary>
    /// <returns>The match, or null with <paramref name="candidates"/> listing the machines the name could mean.</returns>
    public ComputerMatch? FindComputer(string computer, out IReadOnlyList<string> candidates)
    {
        candidates = Array.Empty<string>();
        if (_poolByMachine.TryGetValue(computer, out TopologyPool? pool))
        {
            return new ComputerMatch(pool.Machines.First(m => string.Equals(m, computer, StringComparison.OrdinalIgnoreCase)), pool);
        }

        if (_poolByFqdn.TryGetValue(computer, out pool))
        {
            if (pool.Machines.Count == 1)
            {
                return new ComputerMatch(pool.Machines[0], pool);
            }

            candidates = pool.Machines;
            return null;
        }

        if (computer.IndexOf('.') < 0 && _machinesByHostLabel.TryGetValue(computer, out List<string>? machines))
        {
            if (machines.Count == 1)
            {
                return new ComputerMatch(machines[0], _poolByMachine[machines[0]]);
            }

            candidates = machines;
        }

        return null;
    }

    private static string HostLabel(string fqdn)
    {
        int dot = fqdn.IndexOf('.');
        return dot < 0 ? fqdn : fqdn.Substring(0, dot);
    }
}
