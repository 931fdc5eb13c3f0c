// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using CsCertificate.Common;
using CsCertificate.Tests.TestInfrastructure;
using CsCertificate.Topology;
using Xunit;

namespace CsCertificate.Tests.Topology;

/// <summary>
/// Feeds the topology reader mutated real documents, hostile constructs and random bytes: it must return a
/// topology or throw its documented CsCertificateException, nothing else, and never hang or crash.
/// </summary>
public sealed class TopologyFuzzTests
{
    private const int Seed = 20261126;
    private const int MutatedInputs = 10_800;
    private const int RandomInputs = 2_000;

    private static readonly string[] s_hostile =
    {
        "<!DOCTYPE Topology [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>",
        "<!DOCTYPE x SYSTEM \"file:///etc/passwd\">",
        "&b;",
        "<![CDATA[",
        "<?xml version=\"1.0\" encoding=\"utf-32\"?>",
        "<Cluster Fqdn=\"\">",
        "<Machine Fqdn=\"a..b\"/>",
        "\u0000",
        "\uFEFF",
        string.Concat(Enumerable.Repeat("<a>", 100)),
    };

    [Fact]
    public void MutatedDocumentsAndRandomBytesOnlyEverGiveTheDocumentedError()
    {
        var random = new Random(Seed);
        List<byte[]> samples = Samples();
        int cases = 0;
        int read = 0;
        // A fixed number of cases whether or not the shared fixtures add their documents: the samples take turns.
        for (int i = 0; i < MutatedInputs; i++)
        {
            read += Attempt(Mutate(samples[i % samples.Count], random), isFile: i % 10 == 0) ? 1 : 0;
            cases++;
        }

        for (int i = 0; i < RandomInputs; i++)
        {
            var bytes = new byte[random.Next(0, 4096)];
            random.NextBytes(bytes);
            if (i % 4 == 0 && bytes.Length > 4)
            {
                bytes[0] = (byte)'P';
                bytes[1] = (byte)'K';
                bytes[2] = 3;
                bytes[3] = 4;
            }
            else if (i % 4 == 1 && bytes.Length > 0)
            {
                bytes[0] = (byte)'<';
            }

            read += Attempt(bytes, isFile: true) ? 1 : 0;
            cases++;
        }

        Assert.True(cases >= 10_000, $"only {cases} cases ran");
        Assert.True(read > 0, "no mutated document was still readable, so the mutations are too coarse to explore the reader");
    }

    private static bool Attempt(byte[] bytes, bool isFile)
    {
        try
        {
            TopologyLoader.Load(new[] { TopologyInput.FromBytes("fuzz.xml", bytes, isFile) });
            return true;
        }
        catch (CsCertificateException)
        {
            return false;
        }
    }

    private static List<byte[]> Samples()
    {
        var builder = new TopologyDocumentBuilder("contoso.com", "fabrikam.com")
            .FrontEnd("pool.contoso.com", new[] { "fe1.contoso.com", "fe2.contoso.com" }, webExternal: "web.contoso.com")
            .Director("dir.contoso.com", new[] { "dir1.contoso.com" })
            .Edge("edge.contoso.com", new[] { "edge1.contoso.com" }, "sip.contoso.com", "data.contoso.com", "av.contoso.com")
            .SimpleUrl("Meet", "contoso.com", "https://meet.contoso.com");
        var samples = new List<byte[]>
        {
            Encoding.UTF8.GetBytes(builder.Published().ToString()),
            Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(builder.TopologyBuilderFile().ToString())).ToArray(),
            Encoding.UTF8.GetBytes(builder.SimpleUrlDocument().ToString()),
            File.ReadAllBytes(SharedFixtures.Example("litwareinc-topology.xml")),
            File.ReadAllBytes(SharedFixtures.Example("litwareinc-pool1.tbxml")),
            Zip(builder.Published().ToString(), builder.SimpleUrlDocument().ToString()),
        };
        if (SharedFixtures.Folder != null)
        {
            samples.AddRange(Directory.GetFiles(SharedFixtures.Folder).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Select(File.ReadAllBytes));
        }

        return samples;
    }

    private static byte[] Mutate(byte[] sample, Random random) =>
        ByteMutator.Mutate(sample, random, HostileText, longestSlice: 256);

    /// <summary>A hostile construct, or one character that matters to XML.</summary>
    private static byte[] HostileText(Random random) =>
        random.Next(2) == 0
            ? Encoding.UTF8.GetBytes(s_hostile[random.Next(s_hostile.Length)])
            : new[] { (byte)"<>\"'&=/ "[random.Next(8)] };

    private static byte[] Zip(params string[] documents)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (int i = 0; i < documents.Length; i++)
            {
                using Stream entry = archive.CreateEntry($"doc{i}.xml").Open();
                byte[] content = Encoding.UTF8.GetBytes(documents[i]);
                entry.Write(content, 0, content.Length);
            }
        }

        return buffer.ToArray();
    }
}
