// Copyright (c) CsCertificate authors.
// Licensed under the MIT License.

using System.IO;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;

namespace CsCertificate.Store;

/// <summary>
/// Reads and writes store documents as indented UTF-8 JSON with the serializer that ships in netstandard2.0,
/// so the module carries no JSON library of its own.
/// </summary>
internal static class RecordSerializer
{
    public static byte[] Serialize<T>(T value)
    {
        using var buffer = new MemoryStream();
        using (XmlDictionaryWriter writer = JsonReaderWriterFactory.CreateJsonWriter(buffer, new UTF8Encoding(false), ownsStream: false, indent: true))
        {
            new DataContractJsonSerializer(typeof(T)).WriteObject(writer, value);
        }

        return buffer.ToArray();
    }

    /// <exception cref="SerializationException">The bytes are not a JSON document of this type.</exception>
    public static T Deserialize<T>(byte[] json)
        where T : class
    {
        using var buffer = new MemoryStream(json, writable: false);
        object? value = new DataContractJsonSerializer(typeof(T)).ReadObject(buffer);
        return value as T ?? throw new SerializationException("The document is empty.");
    }
}
