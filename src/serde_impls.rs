//! `serde::Serialize` for the types that are not plain derives.

use serde::ser::{Serialize, SerializeStruct, Serializer};

#[cfg(feature = "contacts")]
use crate::Ids;
use crate::Record;

#[cfg(feature = "contacts")]
impl Serialize for Ids {
    /// A list of ids without brackets: `["IESG"]`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(*self)
    }
}

impl Serialize for Record {
    /// Every column the build keeps, named as the accessors.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Record", 16)?;
        s.serialize_field("service_name", &self.service_name())?;
        s.serialize_field("ports", &self.ports())?;
        s.serialize_field("protocol", &self.protocol())?;
        s.serialize_field("status", &self.status())?;
        s.serialize_field("alias_of", &self.alias_of())?;
        #[cfg(feature = "descriptions")]
        s.serialize_field("description", &self.description())?;
        #[cfg(feature = "contacts")]
        {
            s.serialize_field("assignee", &self.assignee())?;
            s.serialize_field("contact", &self.contact())?;
        }
        #[cfg(feature = "dates")]
        {
            s.serialize_field("registration_date", &self.registration_date())?;
            s.serialize_field("modification_date", &self.modification_date())?;
        }
        #[cfg(feature = "references")]
        {
            s.serialize_field("reference", &self.reference())?;
            s.serialize_field("service_code", &self.service_code())?;
        }
        #[cfg(feature = "notes")]
        {
            s.serialize_field("unauthorized_use", &self.unauthorized_use())?;
            s.serialize_field("notes", &self.notes())?;
        }
        s.end()
    }
}

#[cfg(feature = "contacts")]
impl Serialize for crate::Person {
    /// `{id, name, org, uris, updated}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Uris(crate::Person);
        impl Serialize for Uris {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.uris())
            }
        }
        let mut s = serializer.serialize_struct("Person", 5)?;
        s.serialize_field("id", self.id())?;
        s.serialize_field("name", &self.name())?;
        s.serialize_field("org", &self.org())?;
        s.serialize_field("uris", &Uris(*self))?;
        s.serialize_field("updated", &self.updated())?;
        s.end()
    }
}

impl Serialize for crate::RegistryInfo {
    /// `{title, updated, records}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("RegistryInfo", 3)?;
        s.serialize_field("title", self.title)?;
        s.serialize_field("updated", self.updated)?;
        s.serialize_field("records", &self.records)?;
        s.end()
    }
}
