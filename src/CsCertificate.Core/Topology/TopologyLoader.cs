// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.Topology;

/// <summary>
/// Turns a set of inputs (topology documents, Topology Builder files, SimpleUrl documents, Export-CsConfiguration
/// zips) into one <see cref="DeploymentTopology"/>: exactly one topology, plus the simple URLs of every input.
/// </summary>
internal static class TopologyLoader
{
    /// <summary>The largest input file accepted, in bytes.</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>The most entries read from one zip.</summary>
    public const int MaxArchiveEntries = 10_000;

    private static readonly byte[] s_zipSignature = { (byte)'P', (byte)'K', 3, 4 };

    /// <exception cref="CsCertificateException">An input is missing, unreadable, malformed or unrecognised, or the inputs hold no topology or two different ones.</exception>
    public static DeploymentTopology Load(IReadOnlyList<TopologyInput> inputs)
    {
        var contents = new List<TopologyDocumentContent>();
        foreach (TopologyInput input in inputs)
        {
            contents.AddRange(Read(input));
        }

        TopologyDocumentContent? topology = null;
        foreach (TopologyDocumentContent content in contents.Where(c => c.HasTopology))
        {
            if (topology == null)
            {
                topology = content;
            }
            else if (!IsSameTopology(topology, content))
            {
                throw new CsCertificateException(
                    ErrorIds.TopologyConflict,
                    ErrorKind.InvalidData,
                    Messages.Format(Strings.TopologyConflict, topology.Source, content.Source),
                    content.Source);
            }
        }

        if (topology == null)
        {
            string names = string.Join(", ", inputs.Select(i => "\"" + i.Name + "\""));
            throw new CsCertificateException(ErrorIds.TopologyNotFound, ErrorKind.ObjectNotFound, Messages.Format(Strings.TopologyNoneInInputs, names), names);
        }

        var simpleUrls = contents.SelectMany(c => c.SimpleUrls).ToList();
        return new DeploymentTopology(
            topology.Source,
            topology.DefaultDomain!,
            topology.SipDomains,
            topology.Pools,
            simpleUrls,
            contents.Any(c => c.HasSimpleUrlConfiguration));
    }

    private static IEnumerable<TopologyDocumentContent> Read(TopologyInput input)
    {
        try
        {
            // The bound holds while reading too: a file may grow, or claim no size, as /proc files do.
            using Stream stream = new LimitedReadStream(input.Open(), MaxFileBytes);
            if (stream.CanSeek && stream.Length > MaxFileBytes)
            {
                throw new CsCertificateException(
                    ErrorIds.TopologyInvalid,
                    ErrorKind.InvalidData,
                    Messages.Format(Strings.TopologyTooLarge, input.Name, stream.Length, MaxFileBytes),
                    input.Name);
            }

            if (input.IsFile && StartsWith(stream, s_zipSignature))
            {
                return ReadArchive(stream, input.Name);
            }

            TopologyDocumentContent content = TopologyDocumentReader.Read(stream, input.Name);
            if (content.IsEmpty)
            {
                throw new CsCertificateException(
                    ErrorIds.TopologyInvalid,
                    ErrorKind.InvalidData,
                    Messages.Format(Strings.TopologyUnrecognised, input.Name, content.RootElementName),
                    input.Name);
            }

            return new[] { content };
        }
        catch (StreamLimitExceededException ex)
        {
            throw new CsCertificateException(
                ErrorIds.TopologyInvalid,
                ErrorKind.InvalidData,
                Messages.Format(Strings.TopologyTooLargeWhileReading, input.Name, MaxFileBytes),
                input.Name,
                ex);
        }
        catch (FileNotFoundException ex)
        {
            throw new CsCertificateException(ErrorIds.TopologyFileNotFound, ErrorKind.ObjectNotFound, Messages.Format(Strings.TopologyFileNotFound, input.Name), input.Name, ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new CsCertificateException(ErrorIds.TopologyFileNotFound, ErrorKind.ObjectNotFound, Messages.Format(Strings.TopologyFileNotFound, input.Name), input.Name, ex);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new CsCertificateException(ErrorIds.TopologyInvalid, ErrorKind.ReadError, Messages.Format(Strings.TopologyFileUnreadable, input.Name, ex.Message), input.Name, ex);
        }
    }

    /// <summary>Reads every XML entry of an Export-CsConfiguration zip, whatever it is called.</summary>
    private static List<TopologyDocumentContent> ReadArchive(Stream stream, string path)
    {
        var found = new List<TopologyDocumentContent>();
        try
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (archive.Entries.Count > MaxArchiveEntries)
            {
                throw new CsCertificateException(
                    ErrorIds.TopologyInvalid,
                    ErrorKind.InvalidData,
                    Messages.Format(Strings.TopologyArchiveTooManyEntries, path, archive.Entries.Count, MaxArchiveEntries),
                    path);
            }

            foreach (ZipArchiveEntry entry in archive.Entries)
            {
                if (entry.Length == 0 || entry.FullName.EndsWith("/", StringComparison.Ordinal))
                {
                    continue;
                }

                if (entry.Length > MaxFileBytes)
                {
                    throw new CsCertificateException(
                        ErrorIds.TopologyInvalid,
                        ErrorKind.InvalidData,
                        Messages.Format(Strings.TopologyTooLarge, path + "!" + entry.FullName, entry.Length, MaxFileBytes),
                        path);
                }

                using var buffer = new MemoryStream();
                using (Stream entryStream = new LimitedReadStream(entry.Open(), MaxFileBytes))
                {
                    entryStream.CopyTo(buffer);
                }

                buffer.Position = 0;
                if (!LooksLikeXml(buffer))
                {
                    continue;
                }

                TopologyDocumentContent content = TopologyDocumentReader.Read(buffer, path + "!" + entry.FullName);
                if (!content.IsEmpty)
                {
                    found.Add(content);
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new CsCertificateException(ErrorIds.TopologyInvalid, ErrorKind.InvalidData, Messages.Format(Strings.TopologyArchiveInvalid, path, ex.Message), path, ex);
        }

        if (found.Count == 0)
        {
            throw new CsCertificateException(ErrorIds.TopologyInvalid, ErrorKind.InvalidData, Messages.Format(Strings.TopologyArchiveEmpty, path), path);
        }

        return found;
    }

    /// <summary>
    /// Two inputs hold the same topology when they carry the same published signature, or the same SIP domains
    /// and pools (a .tbxml and its published copy, or one file given twice).
    /// </summary>
    private static bool IsSameTopology(TopologyDocumentContent a, TopologyDocumentContent b)
    {
        if (IsRealSignature(a.Signature) && string.Equals(a.Signature, b.Signature, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        static string Shape(TopologyDocumentContent c) =>
            string.Join("|", c.SipDomains.Select(d => d.ToUpperInvariant()))
            + "#" + string.Join("|", c.Pools.Select(p => p.Fqdn.ToUpperInvariant() + "=" + string.Join(",", p.Machines.Select(m => m.ToUpperInvariant()).OrderBy(m => m, StringComparer.Ordinal)) + "/" + p.Role).OrderBy(p => p, StringComparer.Ordinal));

        return Shape(a) == Shape(b);
    }

    private static bool IsRealSignature(string? signature) =>
        Guid.TryParse(signature, out Guid guid) && guid != Guid.Empty;

    private static bool StartsWith(Stream stream, byte[] signature)
    {
        if (!stream.CanSeek)
        {
            return false;
        }

        var head = new byte[signature.Length];
        int read = stream.Read(head, 0, head.Length);
        stream.Position = 0;
        return read == head.Length && head.SequenceEqual(signature);
    }

    /// <summary>An entry is read when its first non-blank character, after any byte order mark, is '&lt;'.</summary>
    private static bool LooksLikeXml(MemoryStream buffer)
    {
        byte[] bytes = buffer.GetBuffer();
        int length = (int)buffer.Length;
        for (int i = 0; i < length && i < 64; i++)
        {
            byte b = bytes[i];
            if (b == (byte)'<')
            {
                return true;
            }

            bool skippable = b == 0 || b == 0xEF || b == 0xBB || b == 0xBF || b == 0xFE || b == 0xFF || b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n';
            if (!skippable)
            {
                return false;
            }
        }

        return false;
    }
}
