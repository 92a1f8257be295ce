#include "content/code_lists.h"

#include <algorithm>
#include <array>

namespace nmshd::content {
namespace {

constexpr std::array<std::string_view, 249> kCountries = {"AF","AL","AS","AD","AO","AI","AQ","AG","AR","AM","AW","AU","AT","AZ","AE","AX","BS","BH","BD","BB","BY","BE","BZ","BJ","BM","BT","BO","BQ","BA","BW","BV","BR","BN","BG","BF","BI","BL","CV","CM","CA","CF","CL","CN","CX","CC","CO","CD","CG","CK","CR","CU","CW","CY","CZ","CI","CH","DZ","DK","DJ","DM","DO","DE","EC","EG","ER","EE","ET","ES","EH","FK","FO","FJ","FI","FR","FM","GQ","GF","GA","GM","GE","GH","GI","GR","GL","GD","GP","GU","GT","GG","GN","GW","GY","GS","GB","HR","HT","HM","HN","HK","HU","IO","IS","IN","ID","IR","IQ","IE","IM","IL","IT","JM","JP","JE","JO","KH","KY","KM","KZ","KE","KI","KP","KR","KW","KG","KN","LA","LV","LB","LS","LR","LY","LI","LT","LU","LC","LK","MO","MG","MW","MY","MV","ML","MT","MH","MQ","MR","MU","MX","MD","MC","MN","ME","MS","MA","MZ","MM","MP","MK","MF","NA","NR","NP","NL","NC","NZ","NI","NE","NG","NU","NF","NO","OM","PF","PK","PW","PS","PA","PG","PY","PE","PH","PN","PL","PT","PR","PM","QA","RO","RU","RW","RE","RS","SV","SZ","SH","SM","ST","SA","SN","SC","SL","SG","SX","SK","SI","SB","SO","SS","SD","SR","SJ","SE","SY","TD","TF","TW","TJ","TZ","TH","TL","TG","TK","TO","TT","TN","TR","TM","TC","TV","UG","UA","UM","US","UY","UZ","VA","VC","VU","VE","VN","VG","VI","WS","WF","YT","YE","ZA","ZM","ZW"};

constexpr std::array<std::string_view, 183> kLanguages = {"aa","ab","ae","af","ak","am","an","ar","as","av","ay","az","ba","be","bg","bi","bm","bn","bo","br","bs","ca","ce","ch","co","cr","cs","cu","cv","cy","da","de","dv","dz","ee","el","en","eo","es","et","eu","fa","ff","fi","fj","fo","fr","fy","ga","gd","gl","gn","gu","gv","ha","he","hi","ho","hr","ht","hu","hy","hz","ia","id","ie","ig","ii","ik","io","is","it","iu","ja","jv","ka","kg","ki","kj","kk","kl","km","kn","ko","kr","ks","ku","kv","kw","ky","la","lb","lg","li","ln","lo","lt","lu","lv","mg","mh","mi","mk","ml","mn","mr","ms","mt","my","na","nb","nd","ne","ng","nl","nn","no","nr","nv","ny","oc","oj","om","or","os","pa","pi","pl","ps","pt","qu","rm","rn","ro","ru","rw","sa","sc","sd","se","sg","si","sk","sl","sm","sn","so","sq","sr","ss","st","su","sv","sw","ta","te","tg","th","ti","tk","tl","tn","to","tr","ts","tt","tw","ty","ug","uk","ur","uz","ve","vi","vo","wa","wo","xh","yi","yo","za","zh","zu"};

}  // namespace

std::span<const std::string_view> CountryAlpha2Codes() { return kCountries; }

bool IsCountryAlpha2(std::string_view code) {
  return std::find(kCountries.begin(), kCountries.end(), code) != kCountries.end();
}

std::span<const std::string_view> LanguageIso639Codes() { return kLanguages; }

bool IsLanguageIso639(std::string_view code) {
  return std::find(kLanguages.begin(), kLanguages.end(), code) != kLanguages.end();
}

std::string JoinedWithCommas(std::span<const std::string_view> entries) {
  std::string out;
  for (const auto& e : entries) {
    if (!out.empty()) out += ',';
    out += e;
  }
  return out;
}

}  // namespace nmshd::content
