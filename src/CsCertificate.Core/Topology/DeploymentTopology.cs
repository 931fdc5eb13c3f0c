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
    private readonly Dictionary<string, List<TopologyPool>> _poolsByMachine;
    private readonly Dictionary<string, List<TopologyPool>> _poolsByFqdn;
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

        _poolsByMachine = new Dictionary<string, List<TopologyPool>>(StringComparer.OrdinalIgnoreCase);
        _poolsByFqdn = new Dictionary<string, List<TopologyPool>>(StringComparer.OrdinalIgnoreCase);
        _machinesByHostLabel = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (TopologyPool pool in pools)
        {
            Add(_poolsByFqdn, pool.Fqdn, pool);
            foreach (string machine in pool.Machines)
            {
                if (!_poolsByMachine.ContainsKey(machine))
                {
                    Add(_machinesByHostLabel, HostLabel(machine), machine);
                }

                Add(_poolsByMachine, machine, pool);
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
    /// names exactly one machine. A machine can be in several clusters (a Front End server that also hosts Office
    /// Web Apps): its pool is the one whose role needs these certificates (Front End, Director, Mediation, Edge).
    /// </summary>
    /// <returns>
    /// The match, or null with <paramref name="candidates"/> listing what the name could mean: several machines, or
    /// one machine in several pools whose roles need certificates.
    /// </returns>
    public ComputerMatch? FindComputer(string computer, out IReadOnlyList<ComputerMatch> candidates)
    {
        candidates = Array.Empty<ComputerMatch>();
        if (_poolsByMachine.ContainsKey(computer))
        {
            return Match(computer, out candidates);
        }

        if (_poolsByFqdn.TryGetValue(computer, out List<TopologyPool>? pools))
        {
            TopologyPool pool = pools.Find(p => p.Role != PoolRole.None) ?? pools[0];
            if (pool.Machines.Count == 1)
            {
                return new ComputerMatch(pool.Machines[0], pool);
            }

            candidates = pool.Machines.Select(m => new ComputerMatch(m, pool)).ToList();
            return null;
        }

        if (computer.IndexOf('.') < 0 && _machinesByHostLabel.TryGetValue(computer, out List<string>? machines))
        {
            if (machines.Count == 1)
            {
                return Match(machines[0], out candidates);
            }

            candidates = machines.SelectMany(m => RolePools(m).Select(p => new ComputerMatch(m, p))).ToList();
        }

        return null;
    }

    /// <summary>A machine's pool: the one whose role needs certificates, or its only pool when none does.</summary>
    private ComputerMatch? Match(string machine, out IReadOnlyList<ComputerMatch> candidates)
    {
        List<TopologyPool> rolePools = RolePools(machine);
        string spelling = rolePools[0].Machines.First(m => string.Equals(m, machine, StringComparison.OrdinalIgnoreCase));
        if (rolePools.Count == 1)
        {
            candidates = Array.Empty<ComputerMatch>();
            return new ComputerMatch(spelling, rolePools[0]);
        }

        candidates = rolePools.Select(p => new ComputerMatch(spelling, p)).ToList();
        return null;
    }

    /// <summary>The pools of a machine whose roles need certificates; its first pool when none does.</summary>
    private List<TopologyPool> RolePools(string machine)
    {
        List<TopologyPool> pools = _poolsByMachine[machine];
        List<TopologyPool> withRole = pools.Where(p => p.Role != PoolRole.None).Distinct().ToList();
        return withRole.Count > 0 ? withRole : new List<TopologyPool> { pools[0] };
    }

    private static void Add<T>(Dictionary<string, List<T>> index, string key, T value)
    {
        if (!index.TryGetValue(key, out List<T>? list))
        {
            list = new List<T>();
            index[key] = list;
        }

        list.Add(value);
    }

    private static string HostLabel(string fqdn)
    {
        int dot = fqdn.IndexOf('.');
        return dot < 0 ? fqdn : fqdn.Substring(0, dot);
    }
}
