// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.Serialization;
using System.Text;
using CsCertificate.Common;
using CsCertificate.Model;
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
/// </remarks>
internal sealed class RequestStore
{
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(30);

    private const string RecordExtension = ".json";
    private const string KeyExtension = ".key";

    private readonly TimeSpan _lockTimeout;

    public RequestStore(string home, TimeSpan? lockTimeout = null)
    {
        Home = home;
        _lockTimeout = lockTimeout ?? DefaultLockTimeout;
    }

    /// <summary>Gets the data folder.</summary>
    public string Home { get; }

    public string RequestsFolder => Path.Combine(Home, "requests");

    public string KeysFolder => Path.Combine(Home, "keys");

    /// <summary>Gets the folder of the store's temporary files: a write goes there, then is renamed into place.</summary>
    public string TemporaryFolder => Path.Combine(Home, "tmp");

    private string MarkerPath => Path.Combine(Home, "store.json");

    private string LockPath => Path.Combine(Home, ".lock");

    /// <summary>Stores a new request with its private key and gives it the next request id.</summary>
    /// <returns>The record, with <see cref="RequestRecord.RequestId"/> and <see cref="RequestRecord.KeyFile"/> set.</returns>
    public RequestRecord Add(RequestRecord record, string privateKeyPem)
    {
        EnsureCreated();
        return WithLock(() =>
        {
            StoreMarker? marker = ReadMarker();
            int id = NextId(marker);
            record.RequestId = id;
            record.KeyFile = FileName(id, KeyExtension);
            AtomicFile.Write(Path.Combine(KeysFolder, record.KeyFile), Encoding.ASCII.GetBytes(privateKeyPem), ownerOnly: true, TemporaryFolder);
            WriteRecord(record);
            marker ??= new StoreMarker();
            marker.LastRequestId = id;
            AtomicFile.Write(MarkerPath, DataContractJson.Serialize(marker), ownerOnly: false, TemporaryFolder);
            return record;
        });
    }

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
                File.Delete(keyPath);
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
                AtomicFile.Write(Path.Combine(KeysFolder, newKeyFile), File.ReadAllBytes(oldKey), ownerOnly: true, TemporaryFolder);
                record.KeyFile = newKeyFile;
            }

            record.RequestId = newId;
            WriteRecord(record);
            File.Delete(RecordPath(oldId));
            if (oldKey != null)
            {
                File.Delete(oldKey);
            }

            StoreMarker marker = ReadMarker() ?? new StoreMarker();
            if (newId > marker.LastRequestId)
            {
                marker.LastRequestId = newId;
                AtomicFile.Write(MarkerPath, DataContractJson.Serialize(marker), ownerOnly: false, TemporaryFolder);
            }

            return true;
        });
    }

    /// <summary>Deletes a request and its key.</summary>
    /// <returns>False when no such request is stored.</returns>
    public bool Remove(int requestId)
    {
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

            // The record goes first: a key without a record is harmless, a record without its key is not.
            File.Delete(recordPath);
            string keyPath = Path.Combine(KeysFolder, FileName(requestId, KeyExtension));
            if (File.Exists(keyPath))
            {
                File.Delete(keyPath);
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
    /// <exception cref="CsCertificateException">The store was written by a newer module (checked at once).</exception>
    public IEnumerable<RequestRecord> ReadAll(List<StoreProblem> problems)
    {
        CheckSchema();
        if (HasTemporaryFiles())
        {
            // A command was killed mid-write; clear its leftovers (under the lock, so no live writer is disturbed).
            WithLock(() => true);
        }

        return ReadAllRecords(problems);
    }

    private IEnumerable<RequestRecord> ReadAllRecords(List<StoreProblem> problems)
    {
        if (!Directory.Exists(RequestsFolder))
        {
            yield break;
        }

        foreach (int id in ExistingIds().OrderBy(i => i))
        {
            RequestRecord? record = ReadRecord(id, problems);
            if (record != null)
            {
                yield return record;
            }
        }
    }

    /// <summary>Reads one record.</summary>
    /// <returns>The record, or null when it does not exist; unreadable records are added to <paramref name="problems"/>.</returns>
    public RequestRecord? Find(int requestId, List<StoreProblem> problems)
    {
        CheckSchema();
        return File.Exists(RecordPath(requestId)) ? ReadRecord(requestId, problems) : null;
    }

    /// <summary>Gets the full path of a record's key file, or null when its key is no longer kept here.</summary>
    public string? KeyPath(RequestRecord record) =>
        record.KeyFile == null ? null : Path.Combine(KeysFolder, record.KeyFile);

    private RequestRecord? ReadRecord(int id, List<StoreProblem> problems)
    {
        string path = RecordPath(id);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null; // removed by a concurrent -Clear
        }

        RequestRecord record;
        try
        {
            record = RequestRecordReader.TryRead(bytes, out RequestRecord? fast) ? fast! : DataContractJson.Deserialize<RequestRecord>(bytes);
        }
        catch (SerializationException ex)
        {
            problems.Add(MoveAside(path, ex));
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

        if (record.RequestId != id || !Enum.TryParse(record.Status, out RequestStatus _))
        {
            problems.Add(MoveAside(path, new SerializationException(Messages.Format(Strings.StoreRecordInconsistent, id, record.RequestId, record.Status))));
            return null;
        }

        return record;
    }

    private StoreProblem MoveAside(string path, Exception reason)
    {
        string movedTo = path + ".corrupt-" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        try
        {
            File.Move(path, movedTo);
        }
        catch (IOException)
        {
            movedTo = path; // another command moved or replaced it first; report it where it was
        }

        return new StoreProblem(
            ErrorIds.StoreRecordCorrupt,
            path,
            movedTo,
            Messages.Format(Strings.StoreRecordCorrupt, path, reason.Message, movedTo),
            reason);
    }

    private void WriteRecord(RequestRecord record)
    {
        AtomicFile.Write(RecordPath(record.RequestId), DataContractJson.Serialize(record), ownerOnly: false, TemporaryFolder);
    }

    /// <summary>
    /// The id after the last one given out (store.json), skipping any record written after store.json was last
    /// saved (a command killed between the two writes). Only a store without store.json is scanned for its ids.
    /// </summary>
    private int NextId(StoreMarker? marker)
    {
        if (marker == null)
        {
            return ExistingIds().DefaultIfEmpty(0).Max() + 1;
        }

        int id = marker.LastRequestId + 1;
        while (File.Exists(RecordPath(id)))
        {
            id++;
        }

        return id;
    }

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
            return DataContractJson.Deserialize<StoreMarker>(File.ReadAllBytes(MarkerPath));
        }
        catch (SerializationException ex)
        {
            throw new CsCertificateException(ErrorIds.StoreRecordCorrupt, ErrorKind.InvalidData, Messages.Format(Strings.StoreMarkerCorrupt, MarkerPath, ex.Message), MarkerPath, ex);
        }
    }

    /// <summary>Refuses a store written by a newer module rather than rewriting it.</summary>
    private void CheckSchema()
    {
        StoreMarker? marker = ReadMarker();
        if (marker != null && marker.SchemaVersion > RequestRecord.CurrentSchemaVersion)
        {
            throw new CsCertificateException(
                ErrorIds.StoreSchemaTooNew,
                ErrorKind.InvalidData,
                Messages.Format(Strings.StoreSchemaTooNew, Home, marker.SchemaVersion, RequestRecord.CurrentSchemaVersion),
                Home);
        }
    }

    private void EnsureCreated()
    {
        try
        {
            if (!Directory.Exists(Home))
            {
                FilePermissions.CreateOwnerOnlyFolder(Home);
            }

            Directory.CreateDirectory(RequestsFolder);
            if (!Directory.Exists(KeysFolder))
            {
                FilePermissions.CreateOwnerOnlyFolder(KeysFolder);
            }

            // Owner-only too: a private key is written here before it is renamed into keys/.
            if (!Directory.Exists(TemporaryFolder))
            {
                FilePermissions.CreateOwnerOnlyFolder(TemporaryFolder);
            }
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new CsCertificateException(ErrorIds.StoreNotAccessible, ErrorKind.PermissionDenied, Messages.Format(Strings.StoreNotAccessible, Home, ex.Message), Home, ex);
        }

        CheckSchema();
    }

    private T WithLock<T>(Func<T> action)
    {
        using StoreLock storeLock = StoreLock.Acquire(LockPath, _lockTimeout);
        RemoveTemporaryFiles();
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new CsCertificateException(ErrorIds.StoreWriteFailed, ErrorKind.WriteError, Messages.Format(Strings.StoreWriteFailed, Home, ex.Message), Home, ex);
        }
    }

    private bool HasTemporaryFiles() =>
        Directory.Exists(TemporaryFolder) && Directory.EnumerateFiles(TemporaryFolder, ".*" + AtomicFile.TemporarySuffix).Any();

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
