// Word lists the generated vault is made of, in the register of the seed
// transcripts (public-sector panel discussions). A few words carry accents so
// that names and links exercise UTF-8 and Unicode normalisation; none of them
// starts with a non-ASCII letter, so capitalising a name stays an ASCII edit.
#pragma once

#include <array>
#include <string_view>

namespace vaultgen::words {

using namespace std::string_view_literals;

inline constexpr std::array kConcepts = {
    "leadership"sv, "teamwork"sv, "collaboration"sv, "innovation"sv, "governance"sv, "resilience"sv,
    "accountability"sv, "transparency"sv, "workforce planning"sv, "digital transformation"sv,
    "service design"sv, "procurement"sv, "budgeting"sv, "evaluation"sv, "trust"sv, "inclusion"sv,
    "diversity"sv, "wellbeing"sv, "remote work"sv, "skills"sv, "learning"sv, "mentoring"sv,
    "recruitment"sv, "retention"sv, "ethics"sv, "integrity"sv, "open data"sv, "data literacy"sv,
    "citizen engagement"sv, "co-creation"sv, "risk management"sv, "crisis response"sv,
    "change management"sv, "strategic foresight"sv, "policy design"sv, "regulation"sv,
    "decentralisation"sv, "coordination"sv, "performance management"sv, "public value"sv,
    "social dialogue"sv, "collective bargaining"sv, "emotional intelligence"sv, "agility"sv,
    "experimentation"sv, "behavioural insights"sv, "coopération"sv, "résilience"sv, "réseau building"sv,
    "mission orientation"sv, "knowledge sharing"sv, "capacity building"sv, "partnerships"sv,
    "automation"sv, "artificial intelligence"sv, "cybersecurity"sv, "interoperability"sv,
    "user research"sv, "service delivery"sv, "middle management"sv, "talent mobility"sv,
    "succession planning"sv, "career paths"sv, "hybrid work"sv, "communication"sv, "negotiation"sv,
};

inline constexpr std::array kDomains = {
    "public administration"sv, "the public sector"sv, "public service"sv, "digital services"sv,
    "local government"sv, "health systems"sv, "education policy"sv, "social protection"sv,
    "tax administration"sv, "emergency services"sv, "the civil service"sv, "government"sv,
    "regional development"sv, "urban planning"sv, "justice systems"sv, "public finance"sv,
    "the café economy"sv, "labour markets"sv, "climate policy"sv, "international cooperation"sv,
    "central agencies"sv, "municipalities"sv, "state enterprises"sv, "public health"sv,
    "transport policy"sv, "housing policy"sv, "science policy"sv, "cultural institutions"sv,
};

inline constexpr std::array kAdjectives = {
    "distributed"sv, "collaborative"sv, "adaptive"sv, "innovative"sv, "responsive"sv, "inclusive"sv,
    "strategic"sv, "digital"sv, "evidence-based"sv, "agile"sv, "resilient"sv, "open"sv, "modern"sv,
    "effective"sv, "sustainable"sv, "participatory"sv, "transparent"sv, "ethical"sv, "flexible"sv,
    "people-centred"sv, "data-driven"sv, "cross-sector"sv, "mission-led"sv, "naïve"sv, "emerging"sv,
    "future-ready"sv, "networked"sv, "learning"sv, "trusted"sv, "shared"sv,
};

inline constexpr std::array kPlaces = {
    "Slovenia"sv, "Ireland"sv, "Canada"sv, "Estonia"sv, "Portugal"sv, "New Zealand"sv, "Chile"sv,
    "Korea"sv, "Finland"sv, "Colombia"sv, "Kenya"sv, "Australia"sv, "Denmark"sv, "Mexico"sv,
    "Québec"sv, "the Netherlands"sv, "Singapore"sv, "Brazil"sv, "Scotland"sv, "Wales"sv,
};

inline constexpr std::array kProse = {
    "the"sv, "crisis"sv, "highlighted"sv, "critical"sv, "role"sv, "of"sv, "public"sv, "service"sv,
    "in"sv, "meeting"sv, "community"sv, "needs"sv, "administration"sv, "can"sv, "be"sv, "agile"sv,
    "and"sv, "responsive"sv, "reputation"sv, "civil"sv, "increased"sv, "due"sv, "to"sv, "its"sv,
    "rapid"sv, "provision"sv, "maintenance"sv, "infrastructure"sv, "economic"sv, "support"sv,
    "measures"sv, "stereotypes"sv, "sector"sv, "being"sv, "rigid"sv, "slow"sv, "adapt"sv, "as"sv,
    "exemplified"sv, "by"sv, "overnight"sv, "shift"sv, "nearly"sv, "servants"sv, "remote"sv, "work"sv,
    "a"sv, "major"sv, "takeaway"sv, "is"sv, "that"sv, "services"sv, "operate"sv, "more"sv,
    "effectively"sv, "when"sv, "they"sv, "together"sv, "there"sv, "has"sv, "been"sv, "significant"sv,
    "increase"sv, "between"sv, "agencies"sv, "departments"sv, "voluntary"sv, "groups"sv,
    "vulnerable"sv, "communities"sv, "this"sv, "cooperative"sv, "spirit"sv, "testament"sv,
    "flexibility"sv, "adaptability"sv, "nature"sv, "workers"sv, "pandemic"sv, "demonstrated"sv,
    "employees"sv, "are"sv, "essential"sv, "societies"sv, "not"sv, "merely"sv, "bureaucrats"sv,
    "defending"sv, "privileges"sv, "proved"sv, "highly"sv, "skilled"sv, "often"sv, "adapting"sv,
    "new"sv, "ways"sv, "working"sv, "using"sv, "their"sv, "knowledge"sv, "without"sv, "adequate"sv,
    "prior"sv, "training"sv, "key"sv, "lessons"sv, "learned"sv, "include"sv, "unprecedented"sv,
    "level"sv, "across"sv, "which"sv, "normally"sv, "challenging"sv, "for"sv, "large"sv,
    "organizations"sv, "challenge"sv, "now"sv, "embed"sv, "collaborative"sv, "way"sv, "into"sv,
    "normal"sv, "regardless"sv, "processes"sv, "structures"sv, "delivery"sv, "relies"sv, "on"sv,
    "competent"sv, "capable"sv, "people"sv, "growth"sv, "requiring"sv, "middle"sv, "management"sv,
    "underscored"sv, "importance"sv, "technologies"sv, "must"sv, "become"sv, "organization"sv,
    "keep"sv, "pace"sv, "valuable"sv, "tool"sv, "addressing"sv, "problems"sv, "improving"sv,
    "conditions"sv, "during"sv, "enhance"sv, "workforces"sv, "efficient"sv, "use"sv, "crucial"sv,
    "investment"sv, "especially"sv, "paramount"sv, "thinking"sv, "creativity"sv, "judgment"sv,
    "ability"sv, "continuously"sv, "learn"sv, "managers"sv, "leaders"sv, "need"sv, "develop"sv,
    "emotional"sv, "manage"sv, "through"sv, "change"sv, "uncertainty"sv, "cultivating"sv, "soft"sv,
    "influencing"sv, "communicating"sv, "bringing"sv, "along"sv, "foundational"sv, "all"sv,
    "staff"sv, "also"sv, "panelists"sv, "expressed"sv, "commitments"sv, "applying"sv, "selecting"sv,
    "right"sv, "individuals"sv, "positions"sv, "performance"sv, "telling"sv, "positive"sv,
    "stories"sv, "about"sv, "contributions"sv, "build"sv, "recognition"sv, "counter"sv,
    "misconceptions"sv, "ensuring"sv, "thought"sv, "recognizing"sv, "from"sv, "unexpected"sv,
    "places"sv, "prioritize"sv, "own"sv, "physical"sv, "mental"sv, "lead"sv, "example"sv,
    "instability"sv, "occur"sv, "unpredictably"sv, "climate"sv, "social"sv, "unrest"sv,
    "equipping"sv, "capacity"sv, "respond"sv, "such"sv, "multifaceted"sv, "threats"sv, "involves"sv,
    "strengthening"sv, "fostering"sv, "cooperation"sv, "overall"sv, "sentiment"sv, "forum"sv,
    "poll"sv, "suggests"sv, "optimism"sv, "respondents"sv, "expecting"sv, "model"sv, "employment"sv,
    "anticipating"sv, "savvy"sv, "workforce"sv, "almost"sv, "believes"sv, "things"sv, "will"sv,
    "return"sv, "how"sv, "were"sv, "before"sv, "déjà"sv, "vu"sv, "rôle"sv, "naïvely"sv,
};

inline constexpr std::array kSectionWords = {
    "Impact of the Crisis"sv, "Lessons Learned for the Future"sv, "Developing Resilience"sv,
    "Future Skills"sv, "Personal Commitments"sv, "Key Challenges"sv, "Recommendations"sv,
    "Background"sv, "Context"sv, "Case Studies"sv, "Panel Discussion"sv, "Questions from the Audience"sv,
    "Closing Remarks"sv, "Opening Statements"sv, "Evidence and Data"sv, "Next Steps"sv,
    "Funding and Budgets"sv, "Working Conditions"sv, "Digital Tools"sv, "Measuring Success"sv,
};

inline constexpr std::array kChannelStems = {
    "oecdobservatoryofpublicsec"sv, "govlabtalks"sv, "publicservicefutures"sv, "civicdesignforum"sv,
    "localgovlive"sv, "policyinpractice"sv, "digitalstatecast"sv, "servicedesignweekly"sv,
    "leadershipinpublic"sv, "openGovConversations"sv, "govtechsummit"sv, "thepublicsquare"sv,
};

inline constexpr std::array kMissingNotes = {
    "Ideas to revisit"sv, "Reading list"sv, "Questions for the next panel"sv, "Glossary"sv,
    "Follow-up interview"sv, "Draft summary"sv, "Open questions"sv, "Related talks"sv,
};

}  // namespace vaultgen::words
