// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.Serialization;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.CaClient.Acme;

/// <summary>
/// The challenges of the data folder that are still being validated: acme/challenges/&lt;token&gt;.json, one
/// owner-only file per challenge, written atomically. A responder looks a token up here on every request, so
/// a responder started by any command of the data folder answers for every order of it; the files go when
/// their authorization is decided, their order is, or their request is cleared.
/// </summary>
internal sealed class AcmeChallengeStore
{
    private const string Extension = ".json";
    private const int MaxTokenLength = 256;
    private static readonly TimeSpan s_staleTemporaryFile = TimeSpan.FromHours(1);

    public AcmeChallengeStore(string dataFolder)
    {
        Folder = Path.Combine(dataFolder, "acme", "challenges");
    }

    public string Folder { get; }

    /// <summary>
    /// Whether a text can be a token: base64url characters only (RFC 8555 §8.1), so that it is safe as a file
    /// name and as a URL path, whoever sent it.
    /// </summary>
    public static bool IsToken(string? text) =>
        !string.IsNullOrEmpty(text) && text!.Length <= MaxTokenLength && text.All(Base64Url.IsAlphabet);

    /// <summary>Saves a challenge, replacing what was kept for its token.</summary>
    /// <exception cref="ArgumentException">The record's token is not a token.</exception>
    public void Save(AcmeChallengeRecord record)
    {
        string path = PathOf(record.Token) ?? throw new ArgumentException("Not an ACME token.", nameof(record));
        if (!Directory.Exists(Folder))
        {
            FilePermissions.CreateOwnerOnlyFolder(Path.GetDirectoryName(Folder)!);
            FilePermissions.CreateOwnerOnlyFolder(Folder);
        }

        AtomicFile.Write(path, DataContractJson.Serialize(record), ownerOnly: true);
    }

    /// <summary>Reads the challenge kept for a token; null when there is none or it cannot be read.</summary>
    public AcmeChallengeRecord? Find(string token)
    {
        string? path = PathOf(token);
        return path == null ? null : Read(path);
    }

    /// <summary>The answer to an http-01 request for a token, or null when no such challenge is kept.</summary>
    public string? Http01Answer(string token)
    {
        AcmeChallengeRecord? record = Find(token);
        return record?.Type == AcmeChallenge.Http01 && record.Token == token ? record.KeyAuthorization : null;
    }

    /// <summary>Every readable challenge kept.</summary>
    public IReadOnlyList<AcmeChallengeRecord> All() =>
        Files().Select(Read).Where(r => r != null).Select(r => r!).ToList();

    public void Remove(string token)
    {
        string? path = PathOf(token);
        if (path != null)
        {
            Delete(path);
        }
    }

    /// <summary>Removes the challenges of an order: it is decided, or replaced by a new one.</summary>
    public void RemoveOrder(string orderUrl) => RemoveWhere(r => r.Order == orderUrl);

    /// <summary>Removes the challenges of a request that is cleared.</summary>
    public void RemoveRequest(int requestId) => RemoveWhere(r => r.RequestId == requestId);

    /// <summary>
    /// Records that the command answering these challenges closed its responder while their authorizations
    /// were still pending, so that a failure after this moment is known as one nobody could have answered.
    /// </summary>
    public void MarkResponderClosed(IEnumerable<string> tokens, DateTime utcNow)
    {
        foreach (string token in tokens)
        {
            AcmeChallengeRecord? record = Find(token);
            if (record != null && record.ResponderClosed == null)
            {
                record.ResponderClosed = utcNow.ToString("o", CultureInfo.InvariantCulture);
                Save(record);
            }
        }
    }

    /// <summary>
    /// Marks, at the end of a command, the challenges it left pending (see <see cref="MarkResponderClosed"/>). A mark
    /// that cannot be written is told, not thrown: without it, a failure of these challenges counts as a refusal,
    /// the safe reading.
    /// </summary>
    public void MarkLeftUnanswered(ICollection<string> tokens, DateTime utcNow, Action<string> verbose)
    {
        if (tokens.Count == 0)
        {
            return;
        }

        try
        {
            MarkResponderClosed(tokens, utcNow);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            verbose(Messages.Format(Strings.AcmeChallengeNotMarked, Folder, ex.Message));
        }
    }

    /// <summary>
    /// Removes what no validator will ask for again: challenges whose authorization has expired (but for dns-01
    /// records that may still be in DNS), files that cannot be read, and temporary files left by a command killed
    /// mid-write.
    /// </summary>
    public void RemoveExpired(DateTime utcNow)
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }

        foreach (string path in Directory.EnumerateFiles(Folder, "." + "*" + AtomicFile.TemporarySuffix))
        {
            if (utcNow - File.GetLastWriteTimeUtc(path) > s_staleTemporaryFile)
            {
                Delete(path);
            }
        }

        foreach (string path in Files())
        {
            AcmeChallengeRecord? record = Read(path, out bool corrupt);
            // A dns-01 record still marked as published stays noted until a command of its request removes it.
            if (corrupt || (record != null && !record.Published && DateTimeOffset.TryParse(record.Expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset expires) && expires.UtcDateTime < utcNow))
            {
                Delete(path);
            }
        }
    }

    private void RemoveWhere(Func<AcmeChallengeRecord, bool> match)
    {
        foreach (string path in Files())
        {
            AcmeChallengeRecord? record = Read(path);
            if (record != null && match(record))
            {
                Delete(path);
            }
        }
    }

    private string? PathOf(string? token) => IsToken(token) ? Path.Combine(Folder, token + Extension) : null;

    private IEnumerable<string> Files() =>
        Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder, "*" + Extension).Where(p => IsToken(Path.GetFileNameWithoutExtension(p))).ToList()
            : Enumerable.Empty<string>();

    private static AcmeChallengeRecord? Read(string path) => Read(path, out _);

    /// <param name="path">The file.</param>
    /// <param name="corrupt">Set when the file was read and is not a challenge; a file that is gone or locked is not corrupt.</param>
    private static AcmeChallengeRecord? Read(string path, out bool corrupt)
    {
        corrupt = false;
        try
        {
            return DataContractJson.Deserialize<AcmeChallengeRecord>(SharedFile.ReadAllBytes(path));
        }
        catch (SerializationException)
        {
            corrupt = true;
            return null;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            return null; // removed or being replaced meanwhile: nothing to answer with this time
        }
    }

    private static void Delete(string path)
    {
        try
        {
            SharedFile.Delete(path);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            // Expired files are removed by a later command.
        }
    }
}
