// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.Runtime.Serialization;

namespace CsCertificate.Store;

/// <summary>
/// The store's own document (store.json): the schema version of the store as a whole, and the last request
/// id given out, so ids are never reused after -Clear.
/// </summary>
[DataContract]
internal sealed class StoreMarker
{
    [DataMember(Name = "schemaVersion", Order = 0)]
    public int SchemaVersion { get; set; } = RequestRecord.CurrentSchemaVersion;

    [DataMember(Name = "lastRequestId", Order = 1)]
    public int LastRequestId { get; set; }
}
