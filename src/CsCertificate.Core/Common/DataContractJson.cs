// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System;
using System.IO;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;

namespace CsCertificate.Common;

/// <summary>
/// Reads and writes JSON documents (the store's records, ACME answers) with the serializer that ships in
/// netstandard2.0, so the module carries no JSON library of its own.
/// </summary>
internal static class DataContractJson
{
    public static byte[] Serialize<T>(T value)
    {
        using var buffer = new MemoryStream();
        using (XmlDictionaryWriter writer = JsonReaderWriterFactory.CreateJsonWriter(buffer, new UTF8Encoding(false), ownsStream: false, indent: true))
        {
            SerializerOf<T>.Instance.WriteObject(writer, value);
        }

        return buffer.ToArray();
    }

    /// <exception cref="SerializationException">The bytes are not a JSON document of this type.</exception>
    public static T Deserialize<T>(byte[] json)
        where T : class
    {
        try
        {
            using var buffer = new MemoryStream(json, writable: false);
            object? value = SerializerOf<T>.Instance.ReadObject(buffer);
            return value as T ?? throw new SerializationException("The document is empty.");
        }
        catch (Exception ex) when (ex is XmlException || ex is ArgumentException || ex is InvalidCastException || ex is FormatException || ex is OverflowException)
        {
            // The serializer lets some malformed input through as other exception types; callers handle one.
            throw new SerializationException(ex.Message, ex);
        }
    }

    /// <summary>
    /// One serializer per type, built once instead of once per document (a store of 10,000 records falls back
    /// here for every record it cannot read quickly). A shared instance reads and writes safely from several
    /// threads, since no surrogate or resolver is set.
    /// </summary>
    private static class SerializerOf<T>
    {
        public static readonly DataContractJsonSerializer Instance = new DataContractJsonSerializer(typeof(T));
    }
}
