// The contents of relationship templates and relationship creations of @nmshd/content 7.0.0
// (relationships/*.ts): the request of a template (written without "@type", its declared class)
// and the response a peer answers with when it creates the relationship.
#include "content/requests/content_classes.h"

namespace nmshd::content::serval {

js::value ReadRelationshipTemplateContent(const js::value& v) {
  Reader r("RelationshipTemplateContent", v);
  r.String("title", StringRule().Optional().Max(200));
  r.Object("metadata", true);
  r.Typed("onNewRelationship", "Request");
  r.Typed("onExistingRelationship", "Request", true);
  return r.Finish();
}

js::value ReadRelationshipCreationContent(const js::value& v) {
  Reader r("RelationshipCreationContent", v);
  r.Typed("response", "Response");
  return r.Finish();
}

js::value ReadArbitraryRelationshipTemplateContent(const js::value& v) {
  Reader r("ArbitraryRelationshipTemplateContent", v);
  r.Any("value");
  return r.Finish();
}

js::value ReadArbitraryRelationshipCreationContent(const js::value& v) {
  Reader r("ArbitraryRelationshipCreationContent", v);
  r.Any("value");
  return r.Finish();
}

}  // namespace nmshd::content::serval
