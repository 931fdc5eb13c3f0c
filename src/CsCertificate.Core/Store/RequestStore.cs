// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.Serialization;
using System.Text;
using System.Text.RegularExpressions;
using CsCertificate.Common;
using CsCertificate.Resources;

namespace CsCertificate.Store;

/// <summary>
/// The local request store: one JSON document per request in requests/, its private key in keys/ (owner-only),
/// and store.json. Every write is atomic and made under a cross-process lock; a private key is always on disk
/// before the record that refers to it, so no record ever points at a missing key.
/// </summary>
/// <remarks>
/// Nothing but -List reads the whole store: adding a request, finding one by id and clearing one cost the same
/// with 10,000 stored requests as with none. The next id comes from store.json, and temporary files are written
/// in tmp/ (owner-only), so no write scans requests/ or keys/.
/// The data folder is a trust boundary (<see cref="StoreFolderGuard"/>): it is checked before the store is first
/// used, every file the store writes is readable by its owner only whatever the umask, and a record whose key
/// file is not a plain file of keys/ is set aside, never followed.
/// </remarks>
internal sealed class RequestStore
{
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How old a key file without a request must be before -Clear removes it. A -New writes its key just before its
    /// record (both under the lock); the margin also covers a store shared over a network, where locks are weaker.
    /// </summary>
    public static readonly TimeSpan OrphanedKeyMinimumAge = TimeSpan.FromMinutes(5);

    /// <summary>The highest request id; ids are never reused, so a store that has given it out is full.</summary>
    public const int MaxRequestId = int.MaxValue;

    private const string RecordExtension = ".json";
    private const string KeyExtension = ".key";

    /// <summary>A key file name as the store writes it: the request's number.</summary>
    private static readonly Regex s_keyFileName = new Regex(@"^[0-9]+\.key$", RegexOptions.CultureInvariant);

    /// <summary>A plain file name: no separator, no drive, no stream, no "." or "..".</summary>
    private static readonly Regex s_plainFileName = new Regex(@"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$", RegexOptions.CultureInvariant);

    private readonly TimeSpan _lockTimeout;
    private readonly IFolderSecurity _security;
    private bool _checked;

    public RequestStore(string home, TimeSpan? lockTimeout = null, IFolderSecurity? security = null)
    {
        Home = home;
        _lockTimeout = lockTimeout ?? DefaultLockTimeout;
        _security = security ?? (FilePermissions.IsUnix ? new UnixFolderSecurity() : (IFolderSecurity)new WindowsFolderSecurity());
    }

    /// <summary>Gets the data folder.</summary>
    public string Home { get; }

    public string RequestsFolder => Path.Combine(Home, "requests");

    public string KeysFolder => Path.Combine(Home, "keys");

    /// <summary>Gets the folder of the store's temporary files: a write goes there, then is renamed into place.</summary>
    public string TemporaryFolder => Path.Combine(Home, "tmp");

    private string MarkerPath => Path.Combine(Home, "store.json");

    private string LockPath => Path.Combine(Home, ".lock");

    /// <summary>
    /// Checks the data folder before the store is used (<see cref="StoreFolderGuard"/>); every other method does it
    /// once, quietly, if the caller has not. Folders and files that were open to others are restricted and said so
    /// in <paramref name="verbose"/>.
    /// </summary>
    /// <exception cref="CsCertificateException">
    /// The data folder, or something in it, belongs to another user or is not what it must be; or its paths are too
    /// long for Windows PowerShell 5.1 (<see cref="ErrorIds.StorePathTooLong"/>).
    /// </exception>
    public void CheckSecurity(Action<string>? verbose)
    {
        StorePathLength.Check(Home, StorePathLength.RuntimeSupportsLongPaths);
        new StoreFolderGuard(_security, Home, verbose).Check();
        _checked = true;
    }

    /// <summary>Stores a new request with its private key and gives it the next request id.</summary>
    /// <param name="record">The request.</param>
    /// <param name="privateKeyPem">Its private key.</param>
    /// <param name="numbered">Completes the record with what depends on its id (a file named after it), so that it is written once, whole.</param>
    /// <returns>The record, with <see cref="RequestRecord.RequestId"/> and <see cref="RequestRecord.KeyFile"/> set.</returns>
    /// <exception cref="CsCertificateException">The store is full (<see cref="ErrorIds.StoreIdsExhausted"/>), or cannot be written.</exception>
    public RequestRecord Add(RequestRecord record, string privateKeyPem, Action<RequestRecord>? numbered = null)
    {
        EnsureCreated();
        return WithLock(() =>
        {
            StoreMarker? marker = ReadMarker();
            int id = NextId(marker);
            record.RequestId = id;
            record.KeyFile = FileName(id, KeyExtension);
            numbered?.Invoke(record);
            AtomicFile.Write(Path.Combine(KeysFolder, record.KeyFile), Encoding.ASCII.GetBytes(privateKeyPem), ownerOnly: true, TemporaryFolder);
            WriteRecord(record);
            marker ??= new StoreMarker();
            marker.LastRequestId = id;
            WriteMarker(marker);
            return record;
        });
    }

    /// <summary>
    /// Refuses, before a key is generated, a new request that the store could not take because it has given out
    /// its last id. <see cref="Add"/> checks again under the lock.
    /// </summary>
    /// <exception cref="CsCertificateException">The store is full (<see cref="ErrorIds.StoreIdsExhausted"/>), or cannot be read.</exception>
    public void CheckRoomForRequest()
    {
        StoreMarker? marker = CheckSchema();
        if (marker != null && (marker.LastRequestId < 0 || marker.LastRequestId >= MaxRequestId))
        {
            throw IdsExhausted();
        }
    }

    /// <summary>
    /// The id the next <see cref="Add"/> will give, unless another command adds a request first: for what a plan
    /// shows before the request exists (the file name of an offline renewal).
    /// </summary>
    /// <exception cref="CsCertificateException">The store is full, or cannot be read.</exception>
    public int PeekNextId() => Reading(() => NextId(CheckSchema()));

    /// <summary>Saves a changed record.</summary>
    public void Update(RequestRecord record)
    {
        EnsureCreated();
        WithLock(() =>
        {
            WriteRecord(record);
            return record;
        });
    }

    /// <summary>
    /// Records that a request's certificate was installed with its key: the record is saved first, then the key
    /// file, now in the certificate store, is deleted.
    /// </summary>
    public void MarkIssued(RequestRecord record)
    {
        EnsureCreated();
        WithLock(() =>
        {
            string? keyPath = KeyPath(record);
            record.KeyFile = null;
            WriteRecord(record);
            if (keyPath != null && File.Exists(keyPath))
            {
                SharedFile.Delete(keyPath);
            }

            return record;
        });
    }

    /// <summary>
    /// Gives a request the CA's request id as its own, when no other request has it (the original cmdlet's ids
    /// are the CA's). The key and record are written under the new id before the old ones go, so a crash leaves a
    /// duplicate at worst, never a record without its key.
    /// </summary>
    /// <returns>False, and nothing changed, when the id is taken.</returns>
    public bool Renumber(RequestRecord record, int newId)
    {
        if (newId <= 0 || newId == record.RequestId)
        {
            return false;
        }

        EnsureCreated();
        return WithLock(() =>
        {
            if (File.Exists(RecordPath(newId)))
            {
                return false;
            }

            int oldId = record.RequestId;
            string? oldKey = KeyPath(record);
            if (oldKey != null)
            {
                string newKeyFile = FileName(newId, KeyExtension);
                AtomicFile.Write(Path.Combine(KeysFolder, newKeyFile), SharedFile.ReadAllBytes(oldKey), ownerOnly: true, TemporaryFolder);
                record.KeyFile = newKeyFile;
            }

            record.RequestId = newId;
            WriteRecord(record);
            SharedFile.Delete(RecordPath(oldId));
            if (oldKey != null)
            {
                SharedFile.Delete(oldKey);
            }

            // The request this one renews names it by its new id. (Were the command killed first, the renewal is
            // still found by its own "renews", and the next Update-CsCertificate marks the renewed request again.)
            RequestRecord? renewed = record.Renews == 0 || !File.Exists(RecordPath(record.Renews)) ? null : ReadRecord(record.Renews, new List<StoreProblem>());
            if (renewed != null && renewed.RenewedBy == oldId)
            {
                renewed.RenewedBy = newId;
                WriteRecord(renewed);
            }

            StoreMarker marker = ReadMarker() ?? new StoreMarker();
            if (newId > marker.LastRequestId)
            {
                // At MaxRequestId this fills the store: the next Add says so rather than wrap to negative ids.
                marker.LastRequestId = newId;
                WriteMarker(marker);
            }

            return true;
        });
    }

    /// <summary>Deletes a request and its key.</summary>
    /// <returns>False when no such request is stored.</returns>
    public bool Remove(int requestId)
    {
        EnsureChecked();
        if (!Directory.Exists(RequestsFolder))
        {
            return false;
        }

        return WithLock(() =>
        {
            string recordPath = RecordPath(requestId);
            if (!File.Exists(recordPath))
            {
                return false;
            }

            // The record goes first: a key without a record is harmless, a record without its key is not. The key is
            // found by the request's number, never by what the record says; a link there is removed, not followed.
            SharedFile.Delete(recordPath);
            string keyPath = Path.Combine(KeysFolder, FileName(requestId, KeyExtension));
            EntryKind key = _security.Read(keyPath, isDataFolder: false).Kind;
            if (key == EntryKind.File || key == EntryKind.Link)
            {
                SharedFile.Delete(keyPath);
            }

            return true;
        });
    }

    /// <summary>Reads every record. Unreadable ones are moved aside and reported, not thrown.</summary>
    public StoreListing List()
    {
        var problems = new List<StoreProblem>();
        return new StoreListing(ReadAll(problems).ToList(), problems);
    }

    /// <summary>
    /// Reads the records one at a time, in id order, for a caller that is done with each before it asks for the
    /// next: -List of 10,000 requests then never holds 10,000 records (and their requests) at once. Unreadable
    /// records are moved aside and added to <paramref name="problems"/> as they are met.
    /// </summary>
    /// <exception cref="CsCertificateException">The store was written by a newer module, or cannot be read (checked at once).</exception>
    public IEnumerable<RequestRecord> ReadAll(List<StoreProblem> problems)
    {
        CheckSchema();
        if (HasTemporaryFiles())
        {
            // A command was killed mid-write; clear its leftovers (under the lock, so no live writer is disturbed).
            WithLock(() => true);
        }

        // The ids are listed now, so that a folder that cannot be read is reported here rather than met as an
        // empty store; the records themselves are read as they are asked for.
        List<int> ids = Reading(() => ExistingIds().OrderBy(i => i).ToList());
        return ReadAllRecords(ids, problems);
    }

    /// <summary>Reads one record.</summary>
    /// <returns>The record, or null when it does not exist; unreadable records are added to <paramref name="problems"/>.</returns>
    public RequestRecord? Find(int requestId, List<StoreProblem> problems)
    {
        CheckSchema();
        return Reading(() => File.Exists(RecordPath(requestId))) ? ReadRecord(requestId, problems) : null;
    }

    /// <summary>
    /// Gets the full path of a record's key file, or null when its key is no longer kept here. The path is only
    /// given out when the record names a plain file of keys/ that is not a link.
    /// </summary>
    /// <exception cref="CsCertificateException">The record names a key file that must not be followed (<see cref="ErrorIds.StoreRecordUnsafe"/>).</exception>
    public string? KeyPath(RequestRecord record)
    {
        if (record.KeyFile == null)
        {
            return null;
        }

        string? problem = KeyFileProblem(record.KeyFile);
        if (problem != null)
        {
            throw new CsCertificateException(
                ErrorIds.StoreRecordUnsafe,
                ErrorKind.SecurityError,
                Messages.Format(Strings.StoreKeyFileRefused, record.RequestId, problem),
                record.RequestId);
        }

        return Path.Combine(KeysFolder, record.KeyFile);
    }

    /// <summary>
    /// Finds the key files that no stored request has: files named like a request's key (&lt;number&gt;.key) with
    /// no record of that number in requests/, not even one set aside as unreadable. Links and files of other
    /// users are never counted.
    /// </summary>
    public IReadOnlyList<OrphanedKey> FindOrphanedKeys()
    {
        CheckSchema();
        return Reading(() =>
        {
            var orphans = new List<OrphanedKey>();
            if (!Directory.Exists(KeysFolder))
            {
                return orphans;
            }

            HashSet<string> numbers = RecordNumbers();
            DateTime now = DateTime.UtcNow;
            foreach (string path in Directory.EnumerateFiles(KeysFolder, "*" + KeyExtension))
            {
                string name = Path.GetFileName(path);
                if (s_keyFileName.IsMatch(name) && !numbers.Contains(Path.GetFileNameWithoutExtension(name)) && IsOwnRegularFile(path))
                {
                    DateTime written = File.GetLastWriteTimeUtc(path);
                    orphans.Add(new OrphanedKey(path, written, now - written < OrphanedKeyMinimumAge));
                }
            }

            return orphans.OrderBy(k => k.Path, StringComparer.Ordinal).ToList();
        });
    }

    /// <summary>
    /// Deletes a key file found by <see cref="FindOrphanedKeys"/>, after checking again, under the lock, that no
    /// record of its number has appeared and that it is old enough.
    /// </summary>
    /// <returns>False, and the file kept, when it has a request now, is too young, or is gone.</returns>
    public bool RemoveOrphanedKey(OrphanedKey key)
    {
        EnsureChecked();
        return WithLock(() =>
        {
            string number = Path.GetFileNameWithoutExtension(key.Path);
            if (!IsOwnRegularFile(key.Path)
                || DateTime.UtcNow - File.GetLastWriteTimeUtc(key.Path) < OrphanedKeyMinimumAge
                || (Directory.Exists(RequestsFolder) && Directory.EnumerateFileSystemEntries(RequestsFolder, number + RecordExtension + "*").Any()))
            {
                return false;
            }

            SharedFile.Delete(key.Path);
            return true;
        });
    }

    private IEnumerable<RequestRecord> ReadAllRecords(List<int> ids, List<StoreProblem> problems)
    {
        foreach (int id in ids)
        {
            RequestRecord? record = ReadRecord(id, problems);
            if (record != null)
            {
                yield return record;
            }
        }
    }

    private RequestRecord? ReadRecord(int id, List<StoreProblem> problems)
    {
        string path = RecordPath(id);
        byte[] bytes;
        try
        {
            bytes = SharedFile.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null; // removed by a concurrent -Clear
        }
        catch (Exception ex) when (StoreErrors.IsFileSystemFailure(ex))
        {
            CsCertificateException error = StoreErrors.Translate(ex, path, ErrorIds.StoreNotAccessible, Strings.StoreNotReadable);
            problems.Add(new StoreProblem(error.ErrorId, path, null, error.Message, ex));
            return null;
        }

        RequestRecord record;
        try
        {
            record = RequestRecordReader.TryRead(bytes, out RequestRecord? fast) ? fast! : DataContractJson.Deserialize<RequestRecord>(bytes);
        }
        catch (SerializationException ex)
        {
            problems.Add(MoveAside(path, ErrorIds.StoreRecordCorrupt, Strings.StoreRecordCorrupt, ex.Message, ex));
            return null;
        }

        if (record.SchemaVersion > RequestRecord.CurrentSchemaVersion)
        {
            problems.Add(new StoreProblem(
                ErrorIds.StoreSchemaTooNew,
                path,
                null,
                Messages.Format(Strings.StoreRecordSchemaTooNew, path, record.SchemaVersion, RequestRecord.CurrentSchemaVersion),
                null));
            return null;
        }

        if (record.RequestId != id || !record.HasKnownStatus)
        {
            string reason = Messages.Format(Strings.StoreRecordInconsistent, id, record.RequestId, record.StatusName);
            problems.Add(MoveAside(path, ErrorIds.StoreRecordCorrupt, Strings.StoreRecordCorrupt, reason, new SerializationException(reason)));
            return null;
        }

        string? keyProblem;
        try
        {
            keyProblem = record.KeyFile == null ? null : KeyFileProblem(record.KeyFile);
        }
        catch (Exception ex) when (StoreErrors.IsFileSystemFailure(ex))
        {
            keyProblem = ex.Message;
        }

        if (keyProblem != null)
        {
            problems.Add(MoveAside(path, ErrorIds.StoreRecordUnsafe, Strings.StoreRecordUnsafe, keyProblem, null));
            return null;
        }

        return record;
    }

    /// <summary>Why a record's key file must not be followed, or null when it may (it may also be missing).</summary>
    private string? KeyFileProblem(string keyFile)
    {
        if (!s_plainFileName.IsMatch(keyFile))
        {
            return Messages.Format(Strings.StoreKeyFileNotPlain, keyFile, KeysFolder);
        }

        string path = Path.Combine(KeysFolder, keyFile);
        EntrySecurity entry = _security.Read(path, isDataFolder: false);
        return entry.Kind switch
        {
            EntryKind.Missing => null,
            EntryKind.Link => Messages.Format(Strings.StoreKeyFileIsLink, path),
            EntryKind.File when entry.Owner == EntryOwner.Other => Messages.Format(Strings.StoreKeyFileNotOwned, path, entry.OwnerName),
            EntryKind.File => null,
            _ => Messages.Format(Strings.StoreKeyFileNotRegular, path),
        };
    }

    private bool IsOwnRegularFile(string path)
    {
        EntrySecurity entry = _security.Read(path, isDataFolder: false);
        return entry.Kind == EntryKind.File && entry.Owner != EntryOwner.Other;
    }

    /// <summary>The numbers that have a record file in requests/, readable or set aside (000005 for 000005.json.corrupt-…).</summary>
    private HashSet<string> RecordNumbers()
    {
        var numbers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (Directory.Exists(RequestsFolder))
        {
            foreach (string entry in Directory.EnumerateFileSystemEntries(RequestsFolder, "*" + RecordExtension + "*"))
            {
                string name = Path.GetFileName(entry);
                numbers.Add(name.Substring(0, name.IndexOf(RecordExtension, StringComparison.OrdinalIgnoreCase)));
            }
        }

        return numbers;
    }

    /// <summary>Moves an unreadable record aside (never deletes it), so that the others stay usable.</summary>
    private StoreProblem MoveAside(string path, string errorId, string format, string reason, Exception? exception)
    {
        string movedTo = path + ".corrupt-" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        try
        {
            SharingViolationRetry.Run(() => File.Move(path, movedTo));
        }
        catch (Exception ex) when (StoreErrors.IsFileSystemFailure(ex))
        {
            movedTo = path; // another command moved or replaced it first, or the store is read-only; report it where it was
        }

        return new StoreProblem(errorId, path, movedTo, Messages.Format(format, path, reason, movedTo), exception);
    }

    private void WriteRecord(RequestRecord record)
    {
        AtomicFile.Write(RecordPath(record.RequestId), DataContractJson.Serialize(record), ownerOnly: true, TemporaryFolder);
    }

    private void WriteMarker(StoreMarker marker)
    {
        AtomicFile.Write(MarkerPath, DataContractJson.Serialize(marker), ownerOnly: true, TemporaryFolder);
    }

    /// <summary>
    /// The id after the last one given out (store.json), skipping any record written after store.json was last
    /// saved (a command killed between the two writes). Only a store without store.json is scanned for its ids.
    /// </summary>
    /// <exception cref="CsCertificateException">The store has given out <see cref="MaxRequestId"/>.</exception>
    private int NextId(StoreMarker? marker)
    {
        // A negative last id is what the wrap past the maximum left behind in older versions: full as well.
        long last = marker == null ? ExistingIds().DefaultIfEmpty(0).Max() : marker.LastRequestId;
        long id = last < 0 ? (long)MaxRequestId + 1 : last + 1;
        while (id <= MaxRequestId && File.Exists(RecordPath((int)id)))
        {
            id++;
        }

        if (id > MaxRequestId)
        {
            throw IdsExhausted();
        }

        return (int)id;
    }

    private CsCertificateException IdsExhausted() =>
        new CsCertificateException(ErrorIds.StoreIdsExhausted, ErrorKind.ResourceUnavailable, Messages.Format(Strings.StoreIdsExhausted, Home, MaxRequestId), Home);

    private IEnumerable<int> ExistingIds()
    {
        if (!Directory.Exists(RequestsFolder))
        {
            yield break;
        }

        foreach (string file in Directory.EnumerateFiles(RequestsFolder, "*" + RecordExtension))
        {
            string name = Path.GetFileNameWithoutExtension(file);
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int id))
            {
                yield return id;
            }
        }
    }

    private string RecordPath(int id) => Path.Combine(RequestsFolder, FileName(id, RecordExtension));

    private static string FileName(int id, string extension) => id.ToString("D6", CultureInfo.InvariantCulture) + extension;

    private StoreMarker? ReadMarker()
    {
        if (!File.Exists(MarkerPath))
        {
            return null;
        }

        try
        {
            return DataContractJson.Deserialize<StoreMarker>(SharedFile.ReadAllBytes(MarkerPath));
        }
        catch (SerializationException ex)
        {
            throw new CsCertificateException(ErrorIds.StoreRecordCorrupt, ErrorKind.InvalidData, Messages.Format(Strings.StoreMarkerCorrupt, MarkerPath, ex.Message), MarkerPath, ex);
        }
    }

    /// <summary>Refuses a store written by a newer module rather than rewriting it; checks the data folder first.</summary>
    /// <returns>store.json, or null when there is none yet.</returns>
    private StoreMarker? CheckSchema()
    {
        EnsureChecked();
        StoreMarker? marker = Reading(ReadMarker);
        if (marker != null && marker.SchemaVersion > RequestRecord.CurrentSchemaVersion)
        {
            throw new CsCertificateException(
                ErrorIds.StoreSchemaTooNew,
                ErrorKind.InvalidData,
                Messages.Format(Strings.StoreSchemaTooNew, Home, marker.SchemaVersion, RequestRecord.CurrentSchemaVersion),
                Home);
        }

        return marker;
    }

    private void EnsureChecked()
    {
        if (!_checked)
        {
            CheckSecurity(null);
        }
    }

    private void EnsureCreated()
    {
        EnsureChecked();
        try
        {
            if (!Directory.Exists(Home))
            {
                FilePermissions.CreateOwnerOnlyFolder(Home);
            }

            // Every folder of the store is owner-only: records are not secret, but nobody else may change them.
            foreach (string folder in new[] { RequestsFolder, KeysFolder, TemporaryFolder })
            {
                if (!Directory.Exists(folder))
                {
                    FilePermissions.CreateOwnerOnlyFolder(folder);
                }
            }
        }
        catch (Exception ex) when (StoreErrors.IsFileSystemFailure(ex))
        {
            throw StoreErrors.Translate(ex, Home, ErrorIds.StoreNotAccessible, Strings.StoreNotAccessible);
        }

        CheckSchema();
    }

    /// <summary>Runs a read of the store, reporting permission and other file-system failures as the store's errors.</summary>
    private T Reading<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (StoreErrors.IsFileSystemFailure(ex))
        {
            throw StoreErrors.Translate(ex, Home, ErrorIds.StoreNotAccessible, Strings.StoreNotReadable);
        }
    }

    private T WithLock<T>(Func<T> action)
    {
        using StoreLock storeLock = StoreLock.Acquire(LockPath, _lockTimeout);
        try
        {
            RemoveTemporaryFiles();
            return action();
        }
        catch (Exception ex) when (StoreErrors.IsFileSystemFailure(ex))
        {
            throw StoreErrors.Translate(ex, Home, ErrorIds.StoreWriteFailed, Strings.StoreWriteFailed);
        }
    }

    private bool HasTemporaryFiles() =>
        Reading(() => Directory.Exists(TemporaryFolder) && Directory.EnumerateFiles(TemporaryFolder, ".*" + AtomicFile.TemporarySuffix).Any());

    /// <summary>
    /// Removes temporary files left by a command that was killed mid-write. Every write happens under the lock,
    /// so while it is held no temporary file belongs to a live writer. They are all in tmp/, which is empty
    /// unless a writer was killed: requests/ and keys/, which grow with the store, are never scanned.
    /// </summary>
    private void RemoveTemporaryFiles()
    {
        if (Directory.Exists(TemporaryFolder))
        {
            foreach (string file in Directory.EnumerateFiles(TemporaryFolder, ".*" + AtomicFile.TemporarySuffix))
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // Retried by the next command.
                }
            }
        }
    }
}
