//! Packing annotations as `Any` and finding them again.
//!
//! Baton matches an `Any` by the part of its type URL after the last `/`, so decoding here
//! does the same: a file written with another URL host still yields its annotations.

use prost::{DecodeError, Message, Name};
use prost_types::Any;

use crate::model::{Entitlement, Grant, Resource, ResourceType};

/// Packs a message as `Any` with Go's `type.googleapis.com/<full name>` URL.
///
/// An empty message packs to an `Any` holding only the URL, as Go's `anypb` does.
pub fn pack<A: Message + Name>(annotation: &A) -> Any {
    Any {
        type_url: A::type_url(),
        value: annotation.encode_to_vec(),
    }
}

/// True when `any` holds a message of type `A` (compared by full name, ignoring the host).
///
/// A full name holds no `/`, so "the part after the last `/` is `<package>.<name>`" is a
/// comparison of suffixes: readers ask this of every annotation of every row, and building
/// the full name each time cost them an allocation.
pub fn is_type<A: Name>(any: &Any) -> bool {
    let Some(rest) = any.type_url.strip_suffix(A::NAME) else {
        return false;
    };
    let rest = if A::PACKAGE.is_empty() {
        Some(rest)
    } else {
        rest.strip_suffix('.')
            .and_then(|rest| rest.strip_suffix(A::PACKAGE))
    };
    rest.is_some_and(|host| host.is_empty() || host.ends_with('/'))
}

/// Decodes `any` as `A`, or `None` when it holds another type.
pub fn unpack<A: Message + Name + Default>(any: &Any) -> Option<Result<A, DecodeError>> {
    is_type::<A>(any).then(|| A::decode(any.value.as_slice()))
}

/// Messages that carry a list of annotations, with typed access to it.
pub trait Annotated: Sized {
    /// The stored annotations.
    fn annotation_list(&self) -> &[Any];

    /// The stored annotations, for appending.
    fn annotation_list_mut(&mut self) -> &mut Vec<Any>;

    /// Adds `annotation` and returns the message, for builder-style construction.
    #[must_use]
    fn annotate<A: Message + Name>(mut self, annotation: &A) -> Self {
        self.annotation_list_mut().push(pack(annotation));
        self
    }

    /// The first annotation of type `A`, decoded; `Ok(None)` when there is none.
    fn annotation<A: Message + Name + Default>(&self) -> Result<Option<A>, DecodeError> {
        self.annotation_list()
            .iter()
            .find_map(unpack::<A>)
            .transpose()
    }

    /// True when an annotation of type `A` is present (for marker annotations).
    fn has_annotation<A: Name>(&self) -> bool {
        self.annotation_list().iter().any(is_type::<A>)
    }
}

macro_rules! annotated {
    ($($ty:ty),*) => {
        $(
            impl Annotated for $ty {
                fn annotation_list(&self) -> &[Any] {
                    &self.annotations
                }

                fn annotation_list_mut(&mut self) -> &mut Vec<Any> {
                    &mut self.annotations
                }
            }
        )*
    };
}

annotated!(ResourceType, Resource, Entitlement, Grant);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{GrantExpandable, SkipEntitlementsAndGrants, UserTrait};

    #[test]
    fn empty_annotation_packs_to_type_url_only() {
        let any = pack(&SkipEntitlementsAndGrants {});
        assert_eq!(
            any.type_url,
            "type.googleapis.com/c1.connector.v2.SkipEntitlementsAndGrants"
        );
        assert!(any.value.is_empty());
        // Field 1 (type_url) only: tag 0x0a, length, URL bytes.
        let bytes = any.encode_to_vec();
        assert_eq!(bytes[0], 0x0a);
        assert_eq!(bytes.len(), 2 + any.type_url.len());
    }

    #[test]
    fn annotation_is_found_whatever_the_url_host() {
        let expandable = GrantExpandable {
            entitlement_ids: vec!["group:1:member".into()],
            shallow: true,
            resource_type_ids: vec!["user".into()],
        };
        let mut any = pack(&expandable);
        any.type_url = "example.com/x/c1.connector.v2.GrantExpandable".into();
        let resource = Resource {
            annotations: vec![pack(&SkipEntitlementsAndGrants {}), any],
            ..Resource::default()
        };
        assert_eq!(
            resource.annotation::<GrantExpandable>(),
            Ok(Some(expandable))
        );
        assert_eq!(resource.annotation::<UserTrait>(), Ok(None));
        assert!(resource.has_annotation::<SkipEntitlementsAndGrants>());
    }

    #[test]
    fn type_is_the_whole_part_after_the_last_slash() {
        let with_url = |url: &str| Any {
            type_url: url.into(),
            value: Vec::new(),
        };
        for same in [
            "type.googleapis.com/c1.connector.v2.UserTrait",
            "/c1.connector.v2.UserTrait",
            "c1.connector.v2.UserTrait",
            "a/b/c1.connector.v2.UserTrait",
        ] {
            assert!(is_type::<UserTrait>(&with_url(same)), "{same}");
        }
        for other in [
            "type.googleapis.com/c1.connector.v2.XUserTrait",
            "type.googleapis.com/xc1.connector.v2.UserTrait",
            "type.googleapis.com/c1.connector.v2UserTrait",
            "type.googleapis.com/c1.connector.v2.UserTrait/",
            "type.googleapis.com/c1.connector.v2.GroupTrait",
            "UserTrait",
            "",
        ] {
            assert!(!is_type::<UserTrait>(&with_url(other)), "{other}");
        }
    }

    #[test]
    fn corrupt_annotation_is_a_decode_error() {
        let resource = Resource::default().annotate(&UserTrait::default());
        let mut broken = resource.clone();
        broken.annotations[0].value = vec![0x0a, 0x05, 0x01];
        assert!(broken.annotation::<UserTrait>().is_err());
        assert_eq!(
            resource.annotation::<UserTrait>(),
            Ok(Some(UserTrait::default()))
        );
    }
}
