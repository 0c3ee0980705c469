package decode

// traditionalOnly holds the 398 traditional characters that most often
// differ from their simplified forms in government documents (from
// converting real reports with OpenCC s2t and s2tw), less those that also
// occur in simplified text (著, 續). Simplified text has almost none of them;
// traditional text has them in a fifth or more of its characters.
const traditionalOnly = "" +
	"業發實產國動進設區務體強會長質經資創開個現濟項點優堅萬機級農總穩規態標場學領億費統數鄉電達運縣對環醫" +
	"時協臺營擴護綠為爲辦構範關戰應風計綜轉預與際試聯險網內劃導黨園準鎮習結決專線來貿積們興兩爭極礎鏈勢術" +
	"製籌驗調監義遊養報於東帶羣議間貫題廣過屆員條確幹類問氣團雙單徹記斷層佈備療顯軍難別權車頭額奮價裝嚴鐵" +
	"獲職減組財補歷書佔戶傳紮舉藥據蓋壯緊連節審災給讓寧變債兒績評眾衆認從維鞏這邊圍揮參種選識華糧衛復輪麗" +
	"門後踐處觀賽鍵絡稅貧龍責滿視競舊當黃畝並檢幫見執約築陽響賦儲紐織礦撐無請圖樞遺壓鬥測適邁汙還張慶隊負" +
	"雲亞屬熱盤庫擊紅擔貼勞號論噸臨灣終證廠藝貨勵講須殘話載銀潛牽階樹換較揚納貸隱餘廢潔獎託違擁紀藍陸榮將" +
	"細購樣輸馬採銷館顧複覺貴遠縱訓豐釋敗繞謀島獻蘇橋諧編脫訪躍週貢愛僑崗誌順婦漢遼啓啟爾歐粵師陝齊綱繼肅" +
	"駐則徑親譜寫鑄齡匯賬畢魯淨糾檔氫峯樂誠離剛壇蘭徵溫錄勁銜偉傷圓濱聽鄭閒閩雜飛勝歲濃註韌劇衝覈暢掛"
