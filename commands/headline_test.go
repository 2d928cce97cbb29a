package commands

import (
	"testing"

	"newsbot/index/news"
)

func TestHeadline(t *testing.T) {
	tests := []struct{ title, body, want string }{
		{"OIL PRICES RISE ON SAUDI EFFORT  ", "NEW YORK, MARCH 3 - Crude oil prices rallied today because of Saudi Arabia's effort to support prices, analysts said.", "Oil prices rise on Saudi effort"},
		{"AMOCO <AN> OPTIMISTIC WITH STABLE OIL PRICES", "Amoco Corp said it sees a better outlook and stable oil prices.", "Amoco <AN> optimistic with stable oil prices"},
		{"U.S. SAYS OPEC OUTPUT ROSE IN 4TH QTR", "The U.S. Energy Department said OPEC output rose.", "U.S. says OPEC output rose in 4TH qtr"},
		{"GM <GM> LATE FEBRUARY CAR SALES OFF", "NEW YORK, March 4 - General Motors Corp said car sales for late February were off.\n\nGM said truck sales rose.", "GM <GM> late February car sales off"},
		{"NEW YORK BANKS RAISE PRIME", "NEW YORK, MARCH 4 - Banks in New York raised the prime rate.", "New York banks raise prime"},
		{"FED'S JOHNSON WARNS AGAINST LOWER DOLLAR", "Fed Governor Manuel Johnson said a lower dollar would hurt.", "Fed's Johnson warns against lower dollar"},
		{"U.S. TREASURY'S BAKER MEETS WEST GERMANS", "WASHINGTON, Oct 19 - U.S. Treasury Secretary James Baker met West German officials.", "U.S. Treasury's Baker meets West Germans"},
		// Words joined by dashes, each as the article writes it.
		{"YUGOSLAVIA TO BUY FIVE U.S.-BUILT AIRLINERS", "Yugoslavia will buy five airliners built in the U.S., officials said.", "Yugoslavia to buy five U.S.-built airliners"},
		{"COFFEE QUOTAS UNCERTAIN--U.S.", "The U.S. said coffee quotas were uncertain.", "Coffee quotas uncertain--U.S."},
		{"BALDRIGE PREDICTS END OF U.S.-JAPAN TRADE DISPUTE", "Commerce Secretary Malcolm Baldrige said the U.S.-Japan dispute would end.", "Baldrige predicts end of U.S.-Japan trade dispute"},
		{"FRENCH CORN FOR TUNISIA/MOROCCO-USDA", "WASHINGTON, March 31 - France sold corn to Tunisia and Morocco, the USDA said.", "French corn for Tunisia/Morocco-USDA"},
		{"CHRYSLER <C> AFFIRMED BY S/P", "NEW YORK, March 4 - Standard and Poor's Corp said it affirmed Chrysler Corp's debt.", "Chrysler <C> affirmed by S/P"},
		{"THRIFTY RENT-A-CAR <TFTY> SETS PAYOUT", "OKLAHOMA CITY, April 1 - The car rental company said its board set a payout.", "Thrifty rent-a-car <TFTY> sets payout"},
		{"ACME-CLEVELAND CORP <AMT> SETS QUARTERLY", "Reuters\n\nCLEVELAND, April 1 - Qtly div 10 cts vs 10 cts prior", "Acme-cleveland corp <AMT> sets quarterly"},
		{"ALLIED-SIGNAL <ALD> GETS CONTRACT", "The Pentagon gave Allied-Signal Inc a contract.", "Allied-Signal <ALD> gets contract"},
		// Abbreviations the title writes without their dots, or joined to a word.
		{"UK MONEY MARKET GIVEN FURTHER 570 MLN STG HELP", "LONDON, March 3 - The Bank of England said it provided the U.K. money market with 570 mln stg.", "UK money market given further 570 mln stg help"},
		{"US WARNS IRAN, BEGINS ESCORTING TANKER CONVOY", "The U.S. warned Iran as its warships began escorting a convoy.", "US warns Iran, begins escorting tanker convoy"},
		{"LOUVRE ACCORD VITAL TO W.GERMANY - STOLTENBERG", "BONN, March 3 - West Germany's Gerhard Stoltenberg said the Louvre accord was vital.", "Louvre accord vital to W.Germany - Stoltenberg"},
		{"U.S.SENATE LIFTS SOME BANS ON NATURAL GAS", "The U.S. Senate lifted bans on natural gas.", "U.S.Senate lifts some bans on natural gas"},
		{"<PLUM HOLDING INC> STARTS HOLLY SUGAR <HLY> BID", "NEW YORK, Oct 20 - Plum Holding Inc said it has started its offer for Holly Sugar Corp.", "<Plum Holding Inc> starts Holly Sugar <HLY> bid"},
		{"<KELSEY-HAYES CANADA LTD> YEAR NET", "Shr 1.10 dlrs vs 90 cts", "<Kelsey-Hayes Canada Ltd> year net"},
		{"<PMI FUND INC> SETS MONTHLY DIVIDENDS", "NEW YORK, March 3 - The fund said it set monthly dividends.", "<PMI Fund Inc> sets monthly dividends"},
		{"<A.H.A. AUTOMOTIVE TECHNOLOGIES CORP> YEAR NET", "Shr 10 cts vs nine cts", "<A.H.A. Automotive Technologies Corp> year net"},
		{"<BANK OF CHINA> TO JOIN VISA NETWORK", "PEKING, April 2 - The bank will join Visa.", "<Bank of China> to join Visa network"},
		{"(CORRECTED)-<AMERICAN VARIETY INTERNATIONAL INC>", "The company said results were corrected.", "(CORRECTED)-<AMERICAN Variety International Inc>"},
		{"MONARCH CAPITAL <MON PR> WILL NOT RESUME TRADING", "Monarch Capital Corp said its shares will not resume trading.", "Monarch Capital <MON PR> will not resume trading"},
		{"INSTITUTE SEES W.GERMAN OUTPUT FALL IN 1987", "BONN, March 3 - West Germany's output will fall, the institute said.", "Institute sees W.German output fall in 1987"},
		{"ROYAL BANK (RY.TO) RECLASSIFIES BRAZIL LOANS", "TORONTO, March 3 - Royal Bank of Canada said it reclassified its Brazil loans.", "Royal Bank (RY.TO) reclassifies Brazil loans"},
		{"WE SEE US RATES RISING", "Bankers said rates would rise.", "We see us rates rising"},
		// Titles in sentence or title case stay as written.
		{"Witkoff meets Putin in St Petersburg", "", "Witkoff meets Putin in St Petersburg"},
		{"  Iran and US hold talks ", "", "Iran and US hold talks"},
	}
	for _, tt := range tests {
		if got := Headline(news.Article{Title: tt.title, Body: tt.body}); got != tt.want {
			t.Errorf("Headline(%q) = %q; want %q", tt.title, got, tt.want)
		}
	}
}
