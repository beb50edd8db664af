namespace PersonaExplorer.Ai.Offline;

/// <summary>One suggestion a task family can offer; tags say which concept families it suits or conflicts with.</summary>
public sealed record OfflineOption(string Title, string Detail, string[] Tags);

/// <summary>An implicit need of the family; with a <see cref="Cue"/> it applies only when the request matches it.</summary>
public sealed record FamilyNeed(string Statement, string? Cue = null, int Priority = 3);

/// <summary>A clarifying question, skipped once the conversation matches <see cref="AnsweredBy"/>.</summary>
public sealed record FamilyQuestion(string Question, string[] Replies, string AnsweredBy);

/// <summary>A kind of task people bring, recognised by meaning from <see cref="Examples"/>.</summary>
/// <param name="Noun">What the answer offers ("trip ideas").</param>
/// <param name="Options">In default order: without a profile the first three are suggested.</param>
public sealed record TaskFamily(
    string Id, string Name, string Noun, string[] Examples, OfflineOption[] Options,
    FamilyNeed[] Needs, FamilyQuestion[] Questions, (string SubTask, string[] Options)[] Breakdown);

public static partial class OfflineCatalogue
{
    private static OfflineOption O(string title, string detail, params string[] tags) => new(title, detail, tags);

    private const string Money = @"[$€£]|\d+\s*(k|dollars?|euros?|usd|eur|gbp)\b|budget|cheap|afford|expensive|spend|luxur|price|cost";
    private const string When = @"\d+\s*(days?|nights?|weeks?|months?|hours?)|weekend|tonight|tomorrow|next (week|month|year|autumn|spring|summer|winter)|this (week|month)|by (monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
    private const string Who = @"\b(alone|solo|just me|for my \w+|with (my|a|family|friends|kids)|family|kids|children|partner|friends|daughter|son|wife|husband|mum|mom|dad|couple|\d+ (people|guests))\b";

    private static FamilyQuestion BudgetQuestion { get; } = new("What budget do you have in mind?", ["Tight budget", "Mid-range budget", "No strict budget"], Money);

    /// <summary>Asked instead of a guess when the demo model is not sure what kind of task a request is.</summary>
    public static FamilyQuestion UnsureQuestion { get; } = new("What kind of task is this?",
        ["Plan a trip", "Buy something", "Plan my studies", "Something else"], "$^");

    /// <summary>Used when the request matches no family well enough: generic, and said to be generic.</summary>
    public static TaskFamily General { get; } = new("general", "something else", "general first steps", [],
    [
        O("Start small", "try a lightweight first step this week and see what you learn", "budget", "relaxed"),
        O("Compare two approaches", "write down the two most promising options with their pros and cons", "solo"),
        O("Ask someone who has done it", "a short conversation often saves hours of searching", "social"),
    ],
    [new("A clear first step", null, 4)],
    [new("What matters most to you here?", ["Low cost", "High quality", "Speed and simplicity"], @"\b(cost|cheap|quality|speed|fast|simple|matters?|important|priority)\b"),
     new("What is your time frame?", ["This week", "This month", "No rush"], When)],
    [("Approach", ["Quick and simple", "Thorough"]), ("Format of the answer", ["Checklist", "Step-by-step plan", "Comparison table"]), ("Constraint to respect", ["Cost", "Time", "Effort"])]);

    public static IReadOnlyList<TaskFamily> TaskFamilies { get; } =
    [
        new("trip", "trips and day plans", "trip ideas",
            ["plan a weekend city trip", "where should we go on holiday this summer", "ideas for a day out nearby",
             "plan a one-week itinerary through Italy", "help me plan a vacation with my family", "find accommodation for our stay", "book a hotel or apartment for the holidays", "sightseeing and places to visit in a city", "what to do on a day trip from the city"],
            [
                O("Flight to Lisbon", "a direct flight, three days of old town, tiles and coast, with lively evenings in Bairro Alto", "flight", "urban", "history", "food", "crowded", "warm", "high-impact", "evening", "packed"),
                O("Night train to Vienna", "a sleeper cabin, arrive rested in the centre; museums, coffee houses and concert halls", "train", "urban", "art", "music", "history", "green", "relaxed"),
                O("Coastal road trip", "drive at your own pace and stop in small towns and quiet coves", "car", "nature", "warm", "relaxed", "quiet", "pets", "solo"),
                O("Rail loop through the Alps", "scenic lines with short hops between mountain villages", "train", "nature", "cold", "green", "quiet", "relaxed"),
                O("Hut-to-hut hiking trek", "four days on marked mountain trails with early starts and simple huts", "nature", "strenuous", "sport", "budget", "morning", "quiet", "cold", "green", "social"),
                O("Spa hotel weekend", "a design hotel with a spa, late breakfast and a tasting-menu dinner", "premium", "relaxed", "quiet", "food", "adults", "step-free", "solo"),
                O("Hostel city hop", "dorm beds from €25, free walking tours and a pub crawl", "budget", "urban", "social", "crowded", "packed", "strenuous", "evening", "adults"),
                O("Family farm stay", "animals to feed, a playground and short drives; dogs welcome", "kids", "nature", "pets", "relaxed", "car", "quiet", "step-free", "food"),
                O("Festival weekend in Barcelona", "open-air concerts, beaches and late tapas", "music", "evening", "crowded", "food", "warm", "flight", "high-impact", "urban", "social"),
                O("Step-free Copenhagen by rail", "flat streets, step-free metro, design museums and harbour baths, reached by train", "step-free", "urban", "art", "train", "green", "relaxed", "kids"),
                O("Language week in Seville", "morning classes, a host family and tapas with classmates", "language", "warm", "social", "food", "history", "morning"),
            ],
            [new("An itinerary that is easy to follow", null, 4), new("Child-friendly activities and a relaxed pace", @"\b(kids?|children|toddlers?|family)\b", 2),
             new("Little time lost to transit", @"\b(weekend|short trip|one day|day trip|day out)\b", 3)],
            [BudgetQuestion, new("How long is the trip?", ["A weekend", "About a week", "Two weeks or more"], When + @"|day (trip|out)"),
             new("Who is travelling?", ["Just me", "With a partner", "With family and kids", "With friends"], Who)],
            [("Destination style", ["City", "Nature", "Beach", "A mix"]), ("Pace", ["Relaxed", "Balanced", "Packed"]),
             ("Accommodation", ["Hotel", "Apartment", "Hostel"]), ("Getting around", ["Public transport", "Rental car", "Walking and biking"])]),

        new("food", "restaurants and cooking", "food ideas",
            ["find a good restaurant for dinner tonight", "what should I cook this week", "recommend a place for brunch",
             "suggest recipes for a dinner party", "where can we eat out for a birthday", "easy meals to cook after work", "a restaurant for a special occasion", "a quick lunch place near work", "a meal out to celebrate something", "what to cook with the food in my fridge"],
            [
                O("Steakhouse Brasa", "grilled steaks and a long wine list, lively dining room", "meat", "premium", "crowded", "evening", "allergen-safe"),
                O("Market food hall", "dozens of stalls with meat and veggie dishes, easy for groups with mixed tastes, €8–10 a dish", "budget", "crowded", "veg", "meat", "social", "allergen-risk", "food", "kids"),
                O("Trattoria Lume", "handmade pasta and a small garden, book ahead, about €25 per person", "meat", "veg", "quiet", "relaxed", "evening", "food"),
                O("Green Table", "a fully vegetarian and vegan kitchen with allergen-labelled dishes", "veg", "vegan", "allergen-safe", "quiet", "green", "food"),
                O("Atelier 27 tasting menu", "seven courses of meat and fish from a chef's counter, about €95 per person", "premium", "food", "adults", "evening", "quiet", "meat", "art"),
                O("Cook at home: one-pot chickpea curry", "20 minutes, about €2 a portion, freezes well", "veg", "vegan", "budget", "solo", "quiet", "green", "allergen-safe"),
                O("Sunrise bakery breakfast", "fresh pastries and coffee from 7:00, a quiet terrace", "morning", "quiet", "budget", "veg", "allergen-risk"),
                O("Family pizza night", "a kids' corner, crayons and pizzas made to share", "kids", "budget", "veg", "crowded", "allergen-risk", "social"),
                O("Jazz supper club", "steak frites with live jazz from 21:00", "music", "evening", "crowded", "premium", "adults", "meat", "social"),
                O("Pet-friendly garden café", "dogs welcome on the terrace, step-free entrance, light lunches", "pets", "step-free", "relaxed", "veg", "quiet", "nature"),
            ],
            [new("Food everyone in the group can eat", null, 3), new("Vegetarian-friendly food options", @"\b(vegetarian|vegan|no meat|don't eat meat)\b", 2),
             new("Space for a group", Who, 3)],
            [BudgetQuestion, new("Any dietary needs?", ["Vegetarian", "Vegan", "Allergies", "None"], @"vegetarian|vegan|allerg|gluten|meat|diet"),
             new("How many people?", ["Just me", "Two", "A group"], Who)],
            [("Cuisine", ["Local", "Italian", "Asian", "Surprise me"]), ("Setting", ["Quiet", "Lively", "Outdoor"]), ("Price range", ["€", "€€", "€€€"])]),

        new("electronics", "buying electronics", "options to buy",
            ["which laptop should I buy", "recommend a smartphone with a good camera", "help me pick headphones",
             "choose a tablet for drawing", "best monitor for working from home", "buy a new computer for university", "upgrade my PC or graphics card", "a camera for taking photos on trips", "choose a TV, smartwatch or games console"],
            [
                O("Balanced mid-range model", "solid performance and a full day of battery for everyday use, about €700", "relaxed", "solo"),
                O("Flagship model", "the best screen and performance and the longest software support, about €1,400", "premium", "tech", "art"),
                O("Refurbished business model", "a previous-generation business machine with a warranty, about €350", "budget", "green", "tech"),
                O("Ultralight travel model", "under 1.2 kg with 15+ hours of battery for trains and lectures", "train", "flight", "urban", "premium"),
                O("Colour-accurate creator model", "a calibrated display and a strong graphics chip for design, photo and video", "art", "tech", "premium"),
                O("Gaming model", "a fast graphics card and a high-refresh screen; heavy and loud", "sport", "evening", "tech", "high-impact"),
                O("Entry-level model", "covers the basics for about €300; check the build quality", "budget", "kids"),
                O("Repairable modular model", "a repairable machine with replaceable parts and long support", "green", "tech"),
            ],
            [new("Good value for money", null, 3), new("Light with long battery life for travel", @"travel|train|commut|carry|portable|on the go|lectures?", 2),
             new("Colour-accurate screen for design work", @"design|photo|video|drawing|art|illustrat", 2),
             new("Sturdy enough for daily student life", @"student|university|college|school", 3)],
            [BudgetQuestion, new("What will you mainly use it for?", ["Office work", "Programming", "Gaming", "Photo and video editing"], @"\b(gaming|games|work|office|programming|coding|school|university|photo|video|editing|design|drawing|writing|browsing|streaming)\b"),
             new("How much does portability matter?", ["Must be light and portable", "Balanced size and weight", "Big screen over weight"], @"\b(light|portable|weight|heavy|screen|inch|size|carry|travel\w*|train)\b")],
            [("Operating system", ["Windows", "macOS", "Linux or ChromeOS"]), ("Screen size", ["13–14 inch", "15–16 inch", "17 inch or more"]), ("Top priority", ["Battery life", "Performance", "Price"])]),

        new("goods", "buying other goods", "options to buy",
            ["help me choose a new sofa", "which bike should I buy for commuting", "recommend a good winter jacket",
             "I need a new mattress", "choose running shoes", "buy a backpack for hiking", "buy furniture like a table or chair", "baby gear such as a pram, buggy or car seat", "which clothes or boots to buy", "a kitchen appliance like a coffee machine"],
            [
                O("Mid-range all-rounder", "good materials and a fair price, with a two-year warranty", "relaxed"),
                O("Premium designer pick", "the best materials and design from a well-known maker", "premium", "art"),
                O("Second-hand or refurbished", "half the price and less waste; check condition and returns", "budget", "green"),
                O("Outdoor-rated pick", "weatherproof and tough for trails and rain", "nature", "sport", "cold", "strenuous"),
                O("Eco-certified pick", "recycled or certified materials and a repair service", "green"),
                O("Compact city pick", "small, light and easy to carry up stairs or on a train", "urban", "train", "step-free"),
                O("Family-size pick", "roomy and sturdy enough for kids and pets", "kids", "pets"),
                O("Quiet comfort model", "soft, quiet and made for long relaxed use", "quiet", "relaxed", "step-free"),
            ],
            [new("Good value for money", null, 3), new("Light and easy to carry", @"commut|carry|portable|travel|train", 2),
             new("Durable in daily use", null, 4)],
            [BudgetQuestion, new("Where and how often will you use it?", ["Every day", "Now and then", "Outdoors"], @"daily|every day|commut|outdoor|hiking|weekend|often"),
             new("Does the look matter?", ["Yes, a lot", "A bit", "Not at all"], @"look|design|style|colour|color")],
            [("Condition", ["New", "Refurbished", "Second-hand"]), ("Where to buy", ["Local shop", "Online", "Marketplace"]), ("Top priority", ["Price", "Quality", "Sustainability"])]),

        new("gift", "gifts", "gift ideas",
            ["what should I get my mum for her birthday", "gift ideas for a colleague leaving", "a present for my ten-year-old nephew",
             "a present for my wife", "christmas gift for a friend who has everything", "a thank-you gift for someone"],
            [
                O("Experience voucher", "a cooking class or concert tickets to enjoy together", "food", "music", "social", "evening"),
                O("Personal photo book", "a printed book of shared memories", "art", "quiet", "budget", "solo"),
                O("Luxury keepsake", "a fine watch, leather goods or jewellery", "premium"),
                O("Handmade gift", "something you bake, knit or build yourself", "budget", "green", "food"),
                O("Outdoor adventure day", "a guided hike, climbing session or kayak tour", "nature", "sport", "strenuous", "morning"),
                O("Gadget they will use", "wireless earbuds, an e-reader or a smart speaker", "tech", "music"),
                O("Museum membership", "a year of exhibitions and talks", "art", "history", "quiet", "urban"),
                O("Board game night kit", "a family board game and snacks", "kids", "social", "budget"),
                O("Pet pampering box", "treats and a toy for their dog or cat", "pets", "budget"),
            ],
            [new("Suits the person's tastes", null, 2), new("Within the gift budget", Money, 2)],
            [BudgetQuestion, new("Who is it for?", ["Family member", "Partner", "Friend", "Colleague"], Who + @"|colleague|nephew|niece|mum|boss|teacher"),
             new("What do they enjoy?", ["Experiences", "Things to keep", "Food and drink"], @"loves?|enjoys?|likes?|into|hobby")],
            [("Kind of gift", ["Experience", "Object", "Homemade"]), ("Price range", ["Under €30", "€30–100", "Over €100"]), ("Wrapping", ["Gift-wrapped", "Card only"])]),

        new("study", "study planning", "study plans",
            ["plan my revision for the exams", "make a study schedule for this semester", "how should I prepare for my finals",
             "organise my time to study for the test", "revise for a test at school", "keep up with my university courses and homework"],
            [
                O("Pomodoro blocks", "25-minute focus blocks with 5-minute breaks, four blocks per session", "packed", "solo"),
                O("Spaced repetition", "review notes after 1, 3 and 7 days with free flashcards such as Anki", "budget", "relaxed", "tech", "solo"),
                O("Weekly plan with a mock exam", "one topic per day and a timed practice exam each weekend", "packed"),
                O("Early-morning deep work", "two hours from 07:30 before anything else", "morning", "quiet", "solo"),
                O("Evening study sessions", "focused sessions from 19:00 when you are most awake", "evening", "quiet"),
                O("Study group", "meet twice a week and explain topics to each other", "social", "crowded"),
                O("Library quiet room", "a fixed seat in a silent room, phone in the locker", "quiet", "solo", "urban"),
                O("Study walks with audio notes", "review recorded notes while walking outside", "nature", "sport", "relaxed"),
                O("Paid tutoring", "a weekly session with a tutor on the weak topics", "premium", "social"),
            ],
            [new("A routine that is sustainable day to day", null, 3), new("Time for review and practice tests before the exam", @"\bexams?|finals|test\b", 2)],
            [new("When is your exam or deadline?", ["Within a week", "In about a month", "At the end of the semester"], When + @"|month|semester|deadline"),
             new("How much time can you study per day?", ["Under 1 hour a day", "1 to 3 hours a day", "More than 3 hours a day"], @"\d+\s*(hours?|hrs|minutes)|a day|per day"),
             new("What does it cover?", ["One subject", "Several subjects", "A whole degree programme"], @"\b(math\w*|physics|history|languages?|biology|chemistry|statistics|subjects?|degree|economics|law)\b")],
            [("Technique", ["Spaced repetition", "Pomodoro blocks", "Practice tests"]), ("Session length", ["25 minutes", "50 minutes", "90 minutes"]), ("When to study", ["Mornings", "Evenings", "Weekends"])]),

        new("skill", "learning a skill", "ways to learn",
            ["I want to learn to play the guitar", "how can I learn Spanish", "teach myself to code", "learn to draw as a beginner",
             "get better at photography", "pick up a new hobby", "learn a new language", "improve at a game like chess or poker", "take up a musical instrument"],
            [
                O("Free online course", "a structured video course with exercises, at your own pace", "budget", "tech", "solo", "relaxed"),
                O("Weekly evening class", "a local group class with a teacher", "social", "evening", "urban"),
                O("Private lessons", "one-to-one lessons with feedback every week", "premium", "solo"),
                O("15 minutes every morning", "a small daily habit before breakfast", "morning", "solo", "quiet"),
                O("Learn with a club or meetup", "practise with others who share the interest", "social", "crowded"),
                O("Project-based learning", "pick one real project and learn what it needs", "tech", "packed"),
                O("Immersion weekend", "a short intensive retreat in the countryside", "nature", "packed", "premium"),
                O("Learn by playing with your kids", "family-friendly activities that teach the basics", "kids", "relaxed"),
            ],
            [new("A learning path for a beginner", @"beginner|first time|new to|never|learn", 3), new("Regular practice that fits the week", null, 3)],
            [new("How much time can you practise?", ["10 minutes a day", "A few hours a week", "Weekends"], When + @"|minutes|hours"),
             new("How do you like to learn?", ["Alone", "In a group", "With a teacher"], @"alone|group|teacher|class|myself"),
             BudgetQuestion],
            [("Format", ["Online", "In person", "Books"]), ("Rhythm", ["Daily", "Weekly", "Intensive"]), ("Goal", ["Basics", "Hobby level", "Advanced"])]),

        new("research", "research directions", "research directions",
            ["find a topic for my master's thesis", "what research direction should I take in my PhD", "ideas for a paper on machine learning",
             "help me choose a dissertation topic", "open problems worth studying in my field", "find a gap in the scientific literature", "a research question for my project"],
            [
                O("Survey-first direction", "map the literature of one narrow question and write a structured survey", "solo", "quiet", "relaxed", "history"),
                O("Replicate and extend", "reproduce a recent paper's result, then test one well-chosen extension", "tech", "packed"),
                O("Applied case study", "apply an established method to a concrete problem with a partner", "social", "urban"),
                O("Field study", "collect your own data outdoors or on site", "nature", "strenuous", "social"),
                O("Open-data analysis", "a question answered from public data sets with free tools", "budget", "tech", "green"),
                O("Lab experiment series", "a controlled experiment series with lab equipment", "premium", "tech"),
                O("Historical archive study", "work with primary sources in archives", "history", "quiet", "solo"),
            ],
            [new("A topic feasible with the available time and resources", null, 3)],
            [new("What stage are you at?", ["Undergraduate project", "Master's thesis", "PhD research"], @"\b(undergrad\w*|bachelor|master'?s?|phd|doctoral|postdoc|thesis)\b"),
             new("How much time do you have?", ["A few weeks", "A few months", "A year or more"], @"\b(weeks?|months?|years?|semester)\b"),
             new("What kind of work do you enjoy most?", ["Experiments", "Building software", "Reading and theory"], @"\b(experiments?|software|theory|reading|data|interviews?|survey|building)\b")],
            [("Method", ["Literature survey", "Experiments", "Case study"]), ("Scope", ["Narrow and deep", "Broad overview"]), ("Output", ["Paper", "Prototype", "Report"])]),

        new("fitness", "fitness and health routines", "routines",
            ["make me a workout plan", "how can I get fitter", "start running three times a week", "a routine to lose weight",
             "improve my sleep and energy", "exercise plan for busy people", "recover my fitness and health"],
            [
                O("Gym strength programme", "three full-body sessions a week with a coach's plan", "sport", "crowded", "packed", "premium"),
                O("Couch-to-5k running plan", "nine weeks, three runs a week, free app", "sport", "nature", "budget", "morning", "strenuous", "solo"),
                O("Home bodyweight routine", "20 minutes, no equipment, any time", "budget", "quiet", "solo", "relaxed", "step-free"),
                O("Chair yoga and mobility", "gentle seated stretches and balance work", "step-free", "relaxed", "quiet"),
                O("Team sport league", "a weekly five-a-side or volleyball game", "sport", "social", "evening", "strenuous"),
                O("Early swim before work", "30 minutes at the pool at 07:00", "sport", "morning", "quiet"),
                O("Evening dance class", "salsa or swing twice a week", "music", "social", "evening", "crowded"),
                O("Family bike rides", "weekend rides on car-free paths", "kids", "nature", "green", "relaxed"),
                O("Dog-walking intervals", "brisk walks with your dog, twice a day", "pets", "nature", "budget"),
            ],
            [new("A routine you can keep week after week", null, 3), new("Safe for your current fitness level", @"beginner|start|new|unfit|first", 2)],
            [new("What is your goal?", ["Get stronger", "More stamina", "Feel better day to day"], @"strong|stamina|weight|fit|energy|sleep"),
             new("How much time per week?", ["Under 1 hour", "1 to 3 hours", "More than 3 hours"], When + @"|times a week|per week"),
             new("Where do you want to train?", ["At home", "In a gym", "Outdoors"], @"home|gym|outdoor|park")],
            [("Type", ["Strength", "Cardio", "Mobility"]), ("Place", ["Home", "Gym", "Outdoors"]), ("Frequency", ["2× a week", "3× a week", "Daily"])]),

        new("home", "home and moving", "ideas for your home",
            ["help me plan moving to a new flat", "how should I organise my move to another city", "ideas to redecorate my living room",
             "find a new apartment to rent", "declutter and organise my home", "renovate the kitchen", "relocate to another city for a new job", "moving abroad and what to arrange before the move", "move house and what to organise first"],
            [
                O("Do-it-yourself move with friends", "rent a van, pizza for the helpers", "budget", "social", "strenuous", "car"),
                O("Full-service movers", "packing, transport and assembly done for you", "premium", "relaxed", "step-free"),
                O("Move in stages over a month", "one room a weekend, less stress", "relaxed", "quiet"),
                O("City-centre flat near transit", "walk or take the train everywhere", "urban", "train", "crowded", "green"),
                O("Quiet place near a park", "green views and calm streets", "quiet", "nature", "kids", "pets"),
                O("Ground-floor or lift building", "step-free entrance and a lift", "step-free", "kids"),
                O("Second-hand furnishing", "marketplaces and repair cafés", "budget", "green"),
                O("Designer makeover", "an interior designer plans every room", "premium", "art"),
                O("Smart-home upgrade", "smart lights, heating and locks", "tech", "premium"),
            ],
            [new("A realistic timeline for the move", @"mov\w*", 2), new("A home that fits daily life", null, 3)],
            [BudgetQuestion, new("When do you need it done?", ["Within a month", "In a few months", "No fixed date"], When + @"|month"),
             new("Who lives with you?", ["Just me", "Partner", "Family with kids", "Flatmates"], Who)],
            [("Help", ["Do it yourself", "Friends", "Professionals"]), ("Location", ["City centre", "Suburbs", "Countryside"]), ("Priority", ["Cost", "Space", "Commute"])]),

        new("event", "events and parties", "event ideas",
            ["plan a birthday party for my son", "organise a team event for work", "ideas for a wedding reception",
             "throw a surprise party for a friend", "plan a barbecue for the neighbours", "organise a children's birthday party", "a leaving party for a colleague", "celebrate an occasion with a group of people"],
            [
                O("Garden barbecue", "grill, games and drinks outside", "meat", "nature", "social", "budget", "kids", "warm"),
                O("Rented hall with a DJ", "music, dancing and a buffet for a big crowd", "music", "crowded", "evening", "social", "premium"),
                O("Restaurant private room", "a set menu with vegetarian choices, no clean-up", "premium", "quiet", "food", "veg", "step-free", "adults"),
                O("Potluck picnic in the park", "everyone brings a dish", "budget", "nature", "veg", "social", "kids", "relaxed"),
                O("Escape room and pizza", "a team challenge, then dinner", "social", "tech", "urban", "evening"),
                O("Brunch party at home", "late-morning buffet, calm and cosy", "quiet", "relaxed", "food", "morning", "veg"),
                O("Karaoke night", "private booth and snacks", "music", "evening", "crowded", "social", "adults"),
                O("Kids' craft party", "painting and crafts with a simple cake", "kids", "art", "budget"),
            ],
            [new("Enough space and food for every guest", null, 3), new("Fun for the children", @"\b(kids?|children|son|daughter|nephew|niece)\b", 2)],
            [BudgetQuestion, new("How many guests?", ["Under 10", "10 to 30", "More than 30"], @"\d+ (people|guests)|guests|small|big|large"),
             new("When is it?", ["This week", "This month", "Later"], When)],
            [("Venue", ["Home", "Outdoors", "Rented place"]), ("Food", ["Cook yourself", "Potluck", "Catering"]), ("Entertainment", ["Music", "Games", "None"])]),

        new("finance", "personal finance", "money plans",
            ["how should I save for a house", "make a monthly budget", "start investing with a small amount", "pay off my credit card debt",
             "plan my pension savings", "spend less and save more money"],
            [
                O("50/30/20 budget", "needs, wants and savings split every month", "budget", "relaxed"),
                O("Automatic savings transfer", "move a fixed amount on payday", "budget", "solo", "relaxed"),
                O("Low-cost index funds", "a broad world fund with low fees, held for years", "budget", "tech", "relaxed"),
                O("Sustainable (ESG) fund", "a fund that excludes fossil fuels", "green"),
                O("Financial adviser", "a fee-only adviser builds a plan with you", "premium", "social"),
                O("Debt snowball", "pay the smallest debt first, then roll on", "budget", "packed"),
                O("Family savings plan", "a children's savings account and a shared goal", "kids"),
                O("Budgeting app", "track spending automatically on your phone", "tech", "budget"),
            ],
            [new("A plan you can keep every month", null, 3), new("Protection against surprises", @"debt|emergency|save|saving", 3)],
            [new("What is the goal?", ["Save for something", "Pay off debt", "Invest long-term"], @"save|debt|invest|pension|house"),
             new("How much can you set aside per month?", ["Under €100", "€100–500", "More than €500"], Money),
             new("What is your time horizon?", ["Under a year", "1–5 years", "Longer"], When + @"|years?")],
            [("Approach", ["Budget", "Save", "Invest"]), ("Risk", ["Low", "Medium", "High"]), ("Tools", ["Spreadsheet", "App", "Adviser"])]),

        new("career", "careers and job search", "career moves",
            ["help me find a new job", "should I change careers", "prepare for a job interview", "improve my CV", "switch to a different profession", "change jobs from one field to another", "ask for a raise at work",
             "how do I ask for a promotion", "look for an internship"],
            [
                O("Targeted applications", "five well-researched applications a week with tailored letters", "packed", "solo"),
                O("Networking events", "meet people in the field at meetups and fairs", "social", "crowded", "evening", "urban"),
                O("Online course to reskill", "a free certificate course in a growing field", "budget", "tech", "solo"),
                O("Career coach", "a few sessions to clarify goals and practise interviews", "premium", "social"),
                O("Remote-first roles", "jobs you can do from anywhere, with quiet focus time", "quiet", "solo", "tech", "green"),
                O("Green-sector jobs", "roles in renewable energy or conservation", "green", "nature"),
                O("Part-time or flexible hours", "more time for family and life", "kids", "relaxed"),
                O("Jobs abroad", "use your languages in an international team", "language", "flight", "social"),
            ],
            [new("A clear next step in the search", null, 3), new("Work that fits your strengths", null, 4)],
            [new("What field are you aiming for?", ["Same field", "A new field", "Not sure yet"], @"field|industry|sector|as an? \w+|developer|designer|teacher|nurse"),
             new("How soon?", ["Right away", "In a few months", "Just exploring"], When + @"|soon|asap"),
             new("What matters most?", ["Pay", "Flexibility", "Meaning"], @"pay|salary|flexib|meaning|remote")],
            [("Direction", ["Same role", "Step up", "New field"]), ("Search style", ["Applications", "Network", "Recruiters"]), ("Work mode", ["Office", "Hybrid", "Remote"])]),

        new("writing", "writing", "writing approaches",
            ["help me write a cover letter", "structure my essay", "start writing a novel", "write a speech for my sister's wedding",
             "improve my blog posts", "draft an email to my landlord", "write a formal letter or complaint", "edit and improve a text I wrote"],
            [
                O("Outline first", "three to five headings, then fill them in", "solo", "relaxed"),
                O("Free-write then edit", "write fast for 20 minutes, cut later", "solo", "packed"),
                O("Morning pages", "write first thing every morning", "morning", "quiet", "solo"),
                O("Writing group feedback", "share drafts and get comments", "social"),
                O("Story-led draft", "open with a personal anecdote", "history", "art"),
                O("Hire an editor", "a professional edit of the final draft", "premium"),
                O("Late-night drafting", "write when the house is quiet at night", "evening", "quiet"),
            ],
            [new("A clear structure", null, 3), new("The right tone for the reader", null, 3)],
            [new("Who will read it?", ["A friend or family", "An employer", "The public"], @"for (my|a|the) \w+|reader|audience|employer|landlord|wedding"),
             new("How long should it be?", ["A few lines", "A page", "Longer"], @"\d+ (words|pages)|short|long|page"),
             new("When is it due?", ["Today", "This week", "No deadline"], When + @"|due|deadline")],
            [("Structure", ["Outline", "Free-write", "Template"]), ("Tone", ["Formal", "Friendly", "Funny"]), ("Length", ["Short", "Medium", "Long"])]),

        new("culture", "entertainment and culture", "things to watch, read or see",
            ["recommend a film for tonight", "what book should I read next", "find a good TV series", "what exhibitions are worth seeing",
             "suggest a concert or show this month", "a podcast for my commute", "music, bands or albums to listen to", "a video game or board game to play"],
            [
                O("Classic film night", "a restored classic at the independent cinema", "art", "history", "evening", "quiet"),
                O("New sci-fi series", "a tech-heavy series to binge at home", "tech", "evening", "solo"),
                O("Big stadium concert", "a headline act with 40,000 fans", "music", "crowded", "evening", "premium", "social"),
                O("Small jazz club", "intimate live sets, cheap entry", "music", "evening", "budget", "social"),
                O("Modern art exhibition", "a new show at the city gallery", "art", "urban", "quiet", "step-free"),
                O("History podcast", "a narrative series about the ancient world", "history", "solo", "budget", "quiet"),
                O("Nature documentary", "a landmark wildlife series", "nature", "kids", "relaxed"),
                O("Family musical", "a matinee show for all ages", "kids", "music", "premium"),
                O("Foreign-language film", "a subtitled film to practise the language", "language", "art"),
                O("Sports match", "a live game with the home crowd", "sport", "crowded", "social"),
            ],
            [new("Fits your taste and mood", null, 3)],
            [new("What format?", ["Film or series", "Book or podcast", "Live event"], @"film|movie|series|book|podcast|concert|show|exhibition"),
             new("Who is joining?", ["Just me", "Partner", "Family", "Friends"], Who),
             new("What mood?", ["Light", "Thought-provoking", "Exciting"], @"light|funny|serious|exciting|mood")],
            [("Format", ["Screen", "Page", "Live"]), ("Genre", ["Drama", "Comedy", "Documentary"]), ("Setting", ["At home", "Out"])]),
    ];
}

public static partial class OfflineCatalogue
{
    /// <summary>The trade-off a card states for its first tag that has one.</summary>
    public static IReadOnlyDictionary<string, string> TradeOffs { get; } = new Dictionary<string, string>
    {
        ["premium"] = "Costs noticeably more than the alternatives.",
        ["budget"] = "Fewer comforts and extras for the lower price.",
        ["strenuous"] = "Physically demanding; not for everyone.",
        ["flight"] = "Involves flying, with airport time and a higher footprint.",
        ["crowded"] = "Can be busy and loud at peak times.",
        ["packed"] = "Leaves little room for rest.",
        ["car"] = "Needs a car and a driver.",
        ["train"] = "Slower door to door than flying.",
        ["relaxed"] = "Covers less than a packed plan.",
        ["social"] = "Depends on other people's schedules.",
        ["tech"] = "Takes some setting up.",
    };
}
